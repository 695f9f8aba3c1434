import { expect, test } from "./fixtures";
import { expectNoA11yViolationsInThemes } from "./support/a11y";
import { signIn } from "./support/sign-in";
import { finishedRun, pendingTasks, startRun } from "./task-page/helpers";

// Vague tickets: support-triage is 40% sure of each and asks the same question about all of them.
const vague = (n: number) => ({
  ticket: { subject: `About my thing #${n}`, body: "The thing I got is not quite what I expected. What now?" },
});

test("the Questions view answers a group of waiting runs once, then answers the same question automatically", async ({
  page,
  api,
  team,
  mailbox,
}) => {
  test.setTimeout(360_000); // four axe passes and four runs on a loaded machine
  const runIds: string[] = [];
  for (let i = 1; i <= 3; i++) runIds.push(await startRun(api, "support-triage", vague(i)));
  for (const id of runIds) await pendingTasks(api, id);

  await signIn(page, { email: team.owner.email, mailbox });
  await page.goto("/questions");
  await expect(page.getByRole("heading", { level: 1, name: "Questions" })).toBeVisible();
  const group = page.getByTestId("question-group");
  await expect(group).toHaveCount(1);
  await expect(group.getByTestId("group-count")).toHaveText("3 waiting");
  await expectNoA11yViolationsInThemes(page, { context: "questions view" });

  const answer = "Offer an exchange for the right size.";
  await test.step("one answer for the three", async () => {
    await group.getByLabel("Your answer").fill(answer);
    await group.getByRole("button", { name: "Answer all 3" }).click();
    await expect(page.getByText("Answered 3 tasks: their runs continue.")).toBeVisible();
    await expect(page.getByText("No questions waiting")).toBeVisible();
    for (const id of runIds) expect((await finishedRun(api, id)).output).toMatchObject({ answeredBy: "human", humanAnswer: answer });
  });

  await test.step("the answer is saved; applied automatically, the next such run needs nobody", async () => {
    const saved = page.getByTestId("saved-answer");
    await expect(saved).toHaveCount(1);
    await expect(saved).toContainText("given 3 times");
    await saved.getByRole("switch", { name: "Apply automatically" }).click();
    await expect(page.getByText("New tasks with this question are answered automatically.")).toBeVisible();
    await expect(saved.getByRole("switch", { name: "Apply automatically" })).toHaveAttribute("aria-checked", "true");
    await expectNoA11yViolationsInThemes(page, { context: "questions view with saved answers" });

    const next = await startRun(api, "support-triage", vague(4));
    expect((await finishedRun(api, next)).output).toMatchObject({ humanAnswer: answer });
  });
});
