import { expect, test } from "./fixtures";
import { signIn } from "./support/sign-in";
import { finishedRun, pendingTasks, startRun, TaskPage } from "./task-page/helpers";

test("a vague ticket: the agent's question is answered in the UI and the run uses the human's answer", async ({
  page,
  api,
  team,
  mailbox,
  saveScreenshot,
}) => {
  test.setTimeout(120_000);
  const runId = await startRun(api, "support-triage", {
    ticket: { subject: "Question about my thing", body: "The thing I got last week is not quite what I expected. What can you do?" },
  });
  const [task] = await pendingTasks(api, runId);
  expect(task).toMatchObject({ kind: "clarification", queue: "support" });

  await signIn(page, { email: team.owner.email, mailbox });
  const taskPage = new TaskPage(page);
  await taskPage.open(task!.id);

  await test.step("the question, the agent's confidence and the ticket are shown", async () => {
    const question = page.getByRole("region", { name: "The agent asks" });
    await expect(question).toContainText(/only 40% sure/);
    await expect(question.getByRole("meter", { name: "Agent confidence" })).toHaveAttribute("aria-valuenow", "40");
    await expect(page.getByRole("article", { name: "Support ticket" })).toContainText("not quite what I expected");
    // A clarification offers an answer and a way out, never approve or edit.
    await expect(taskPage.button(/^Approve/)).toHaveCount(0);
    await expect(taskPage.button(/^Edit/)).toHaveCount(0);
    await saveScreenshot("task-page-clarification");
  });

  const answer = "They received the wrong size; offer an exchange for a medium.";
  await test.step("an empty answer is refused, then the answer is sent", async () => {
    await taskPage.button("Send answer").click();
    await expect(page.getByText("Write an answer for the agent first.")).toBeVisible();
    await page.getByLabel("Your answer").fill(answer);
    await taskPage.button("Send answer").click();
    await expect(page).toHaveURL(/\/queues\/support\?cleared=1$/);
  });

  await test.step("the run's output says a human answered, with the answer", async () => {
    const run = await finishedRun(api, runId);
    expect(run.output).toMatchObject({ answeredBy: "human", humanAnswer: answer });
  });

  await test.step("the task shows the answer", async () => {
    await taskPage.open(task!.id, { interactive: false });
    await expect(taskPage.decision).toContainText("You answered this task");
    await expect(taskPage.decision.getByTestId("decision-response")).toHaveText(answer);
  });
});
