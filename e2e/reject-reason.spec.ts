import { expect, test } from "./fixtures";
import { signIn } from "./support/sign-in";
import { finishedRun, pendingTasks, startRun, TaskPage } from "./task-page/helpers";

test("rejecting a drafted email asks for a reason; the task shows it and the run lists the email as rejected", async ({
  page,
  api,
  team,
  mailbox,
  saveScreenshot,
}) => {
  test.setTimeout(120_000);
  const lead = { name: "Ada Lovelace", email: "ada@example.com", company: "Analytical Engines" };
  const runId = await startRun(api, "email-outreach", { leads: [lead], product: "AgentControlLayer" });
  const [task] = await pendingTasks(api, runId);
  expect(task!.queue).toBe("outreach");

  await signIn(page, { email: team.owner.email, mailbox });
  const taskPage = new TaskPage(page);
  await taskPage.open(task!.id);

  await test.step("the draft reads like an email", async () => {
    const email = page.getByRole("article", { name: "Email draft" });
    await expect(email.getByRole("heading")).toHaveText(String(task!.payload.subject));
    await expect(email).toContainText(`To${lead.email}`);
    await expect(email).toContainText("Hi Ada,");
    await saveScreenshot("task-page-email");
  });

  const reason = "Analytical Engines is an existing customer; outreach goes through their account manager.";
  await test.step("r opens the reject dialog; Enter without a reason is refused", async () => {
    await page.keyboard.press("r");
    await expect(taskPage.dialog).toBeVisible();
    await expect(taskPage.dialog.getByRole("heading")).toHaveText("Reject this proposal?");
    await page.keyboard.press("Enter");
    await expect(taskPage.dialog.getByRole("alert")).toHaveText("Reason is required.");
    await page.keyboard.press("Escape");
    await expect(taskPage.dialog).toBeHidden();
    expect((await (await api.get(`/api/v1/tasks/${task!.id}`)).json()).status).toBe("pending");
  });

  await test.step("with a reason, Enter rejects", async () => {
    await taskPage.button(/^Reject/).click();
    await taskPage.dialog.getByLabel("Reason").fill(reason);
    await saveScreenshot("task-page-email-reject-dialog");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/queues\/outreach\?cleared=1$/);
  });

  await test.step("the task shows the reason", async () => {
    await taskPage.open(task!.id, { interactive: false });
    await expect(taskPage.decision).toContainText("You rejected this task");
    await expect(taskPage.decision.getByTestId("decision-comment")).toHaveText(reason);
    await saveScreenshot("task-page-email-rejected");
  });

  await test.step("the run lists the email as rejected and sent none", async () => {
    const run = await finishedRun(api, runId);
    expect(run.output).toEqual({ sent: [], rejected: [lead.email] });
  });
});
