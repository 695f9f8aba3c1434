import { expect, test } from "./fixtures";
import { signIn } from "./support/sign-in";
import { finishedRun, pendingTasks, startRun, TaskPage } from "./task-page/helpers";

test("a refund of 120 edited down to 80: the diff is shown before sending, the run refunds 80", async ({
  page,
  api,
  team,
  mailbox,
  saveScreenshot,
}) => {
  test.setTimeout(120_000);
  const runId = await startRun(api, "refund", {
    orderId: "ord_1042",
    amount: 120,
    currency: "usd",
    reason: "Package arrived damaged; the customer sent photos.",
    customerEmail: "dana@example.com",
  });
  const [task] = await pendingTasks(api, runId);
  expect(task!.queue).toBe("support");

  await signIn(page, { email: team.owner.email, mailbox });
  const taskPage = new TaskPage(page);
  await taskPage.open(task!.id);

  await test.step("the refund reads like a refund", async () => {
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Refund 120.00 USD for order ord_1042");
    await expect(page.getByTestId("refund-amount")).toHaveText("$120.00");
    await expect(page.getByRole("article", { name: "Refund" })).toContainText("dana@example.com");
    await expect(page.getByRole("link", { name: /Refund.*Open run/ })).toHaveAttribute("href", `/runs/${runId}`);
    await saveScreenshot("task-page-refund");
  });

  await test.step("edit with the keyboard: more than the original is refused in the form", async () => {
    await page.keyboard.press("e");
    const amount = page.getByLabel(/^Amount/);
    await expect(amount).toHaveValue("120");
    await amount.fill("200");
    await taskPage.button("Review changes").click();
    await expect(page.getByText("Must be ≤ 120.")).toBeVisible();
    await expect(taskPage.dialog).toBeHidden();
    await amount.fill("80");
    await taskPage.button("Review changes").click();
  });

  await test.step("the diff 120 → 80 is shown before anything is sent", async () => {
    await expect(taskPage.dialog).toBeVisible();
    const change = taskPage.dialog.getByTestId("diff-amount");
    await expect(change.getByRole("deletion")).toHaveText("120");
    await expect(change.getByRole("insertion")).toHaveText("80");
    await expect(taskPage.dialog.getByTestId(/^diff-/)).toHaveCount(1);
    await saveScreenshot("task-page-refund-edit-diff");
    const before = await (await api.get(`/api/v1/tasks/${task!.id}`)).json();
    expect(before.status).toBe("pending");
  });

  await test.step("send: the queue is cleared and the run refunds 80", async () => {
    await taskPage.dialog.getByRole("button", { name: "Send edit" }).click();
    await expect(page).toHaveURL(/\/queues\/support\?cleared=1$/);
    await expect(page.getByText(/Queue cleared/).first()).toBeVisible();
    const run = await finishedRun(api, runId);
    expect(run.output).toEqual({ refunded: true, amount: 80 });
  });

  await test.step("the task now shows the edit", async () => {
    await taskPage.open(task!.id, { interactive: false });
    await expect(taskPage.decision).toContainText("You edited and approved this task");
    await expect(taskPage.decision.getByTestId("diff-amount")).toContainText("80");
  });
});
