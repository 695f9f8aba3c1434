import { expect, test } from "./fixtures";
import { expectNoA11yViolationsInThemes } from "./support/a11y";
import { signIn } from "./support/sign-in";
import { finishedRun, pendingTasks, startRun, TaskPage } from "./task-page/helpers";

/**
 * A refund above 10,000 needs two distinct approvals (contract v1.1): the owner approves in the
 * dashboard, the queue and task pages show "1 of 2 approvals, by you", a second approval by the
 * owner is refused, and a second decider (another API key) completes the run.
 */
test("quorum progress on the queue and task pages", async ({ page, api, team, mailbox, cli, playwright, baseURL }) => {
  test.setTimeout(300_000);
  const runId = await startRun(api, "refund", {
    orderId: "ORD-9001",
    amount: 12_500,
    currency: "EUR",
    reason: "Cancelled fleet order",
    customerEmail: "fleet@example.com",
  });
  const [task] = await pendingTasks(api, runId);
  expect(task!.queue).toBe("finance");

  await signIn(page, { email: team.owner.email, mailbox });
  const taskPage = new TaskPage(page);
  await taskPage.open(task!.id);
  await expect(page.getByRole("status").filter({ hasText: "0 of 2 approvals" })).toContainText("It needs 2 more distinct approvals");
  await taskPage.button(/^Approve/).click();
  await expect(taskPage.dialog).toBeVisible();
  await page.keyboard.press("Enter");
  await expect
    .poll(async () => ((await (await api.get(`/api/v1/tasks/${task!.id}`)).json()) as { approvals: unknown[] }).approvals.length, {
      timeout: 30_000,
    })
    .toBe(1);

  // Still pending: the queue shows the progress.
  await page.goto("/queues/finance");
  await expect(page.getByText("1 of 2 approvals, by", { exact: false })).toBeVisible();
  await page.goto(`/tasks/${task!.id}`);
  await expect(page.getByRole("status").filter({ hasText: "1 of 2 approvals, by you" })).toContainText("You approved it");
  await expectNoA11yViolationsInThemes(page, { context: "task page, quorum in progress" });

  // A second decider completes it.
  const key = await cli<{ apiKey: string }>(["apikey:create", "--team", team.team.slug, "--name", "second approver", "--scopes", "decide"]);
  const second = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${key.apiKey}`, "content-type": "application/json" },
  });
  expect((await second.post(`/api/v1/tasks/${task!.id}/resume`, { data: { action: "approve" } })).status()).toBe(200);
  await second.dispose();
  const run = await finishedRun(api, runId);
  expect(run.output).toEqual({ refunded: true, amount: 12_500 });
});
