import { expect, test } from "../fixtures";
import { signIn } from "../support/sign-in";
import { pendingTasks, startRun, TaskPage } from "./helpers";

/**
 * Two reviewers, one task: whoever decides second is told who decided and what, on the page,
 * instead of an error; and a decided task opened later reads the same way.
 */
test("a task decided by someone else meanwhile shows who decided and what, not an error", async ({
  page,
  api,
  team,
  mailbox,
  saveScreenshot,
}) => {
  test.setTimeout(120_000);
  const runId = await startRun(api, "refund", {
    orderId: "ord_2001",
    amount: 75,
    currency: "EUR",
    reason: "Late delivery",
    customerEmail: "lee@example.com",
  });
  const [task] = await pendingTasks(api, runId);

  await signIn(page, { email: team.owner.email, mailbox });
  const taskPage = new TaskPage(page);
  await taskPage.open(task!.id);
  await expect(page.getByTestId("refund-amount")).toHaveText("€75.00");

  // Meanwhile the team's agent-side reviewer (an API key) rejects it.
  const reason = "Duplicate of a refund already paid.";
  const res = await api.post(`/api/v1/tasks/${task!.id}/resume`, { data: { action: "reject", comment: reason } });
  expect(res.status()).toBe(200);

  await page.keyboard.press("a");
  await expect(taskPage.dialog.getByRole("heading")).toHaveText("Approve this proposal?");
  await page.keyboard.press("Enter");

  await expect(page.getByText(/Already rejected by API key/).first()).toBeVisible();
  await expect(taskPage.decision).toBeVisible();
  await expect(taskPage.decision).toContainText("Decided by someone else");
  await expect(taskPage.decision).toContainText(/API key “.+” rejected this task/);
  await expect(taskPage.decision.getByTestId("decision-comment")).toHaveText(reason);
  await expect(taskPage.button(/^Approve/)).toHaveCount(0);
  await saveScreenshot("task-page-decided-by-someone-else");

  // Opening it again later: the same account of what happened.
  await taskPage.open(task!.id, { interactive: false });
  await expect(page.getByText(/^decided$/i).first()).toBeVisible();
  await expect(taskPage.decision).toContainText(/API key “.+” rejected this task/);
  const after = await (await api.get(`/api/v1/tasks/${task!.id}`)).json();
  expect(after.decision).toMatchObject({ action: "reject", comment: reason, actor: { type: "api_key" } });
});
