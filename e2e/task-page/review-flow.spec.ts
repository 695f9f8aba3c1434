import { expect, test, uniqueSlug } from "../fixtures";
import { signedInPage, signIn } from "../support/sign-in";
import { finishedRun, pendingTasks, startRun, TaskPage } from "./helpers";

test("a markdown draft is rendered as text; ?edit=1 opens the editor with a line diff; the next task opens after a decision", async ({
  page,
  api,
  team,
  mailbox,
  saveScreenshot,
}) => {
  test.setTimeout(150_000);
  const draftRun = await startRun(api, "content-draft", { topic: "Human review for AI agents" });
  const [draft] = await pendingTasks(api, draftRun);
  const second = await startRun(api, "content-draft", { topic: "Audit trails" });
  await pendingTasks(api, second);

  await signIn(page, { email: team.owner.email, mailbox });
  const taskPage = new TaskPage(page);

  await test.step("markdown is formatted: headings and list items, no raw markup", async () => {
    await taskPage.open(draft!.id);
    const article = page.getByRole("article", { name: "Draft" });
    await expect(article.getByRole("heading", { name: "Key points" })).toBeVisible();
    await expect(article.getByRole("listitem")).toHaveCount(3);
    await expect(article).not.toContainText("## ");
    await saveScreenshot("task-page-markdown");
  });

  await test.step("?edit=1 opens the editor; Esc leaves it", async () => {
    await taskPage.open(draft!.id, { edit: true });
    await expect(page.getByRole("heading", { name: "Edit the proposal" })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(page.getByRole("heading", { name: "Edit the proposal" })).toBeHidden();
    await page.keyboard.press("e");
    await expect(page.getByRole("heading", { name: "Edit the proposal" })).toBeVisible();
  });

  await test.step("a long-text edit is reviewed as a line diff, then sent; the next draft opens", async () => {
    const markdown = page.getByLabel(/^Draft \(markdown\)/);
    const original = await markdown.inputValue();
    await markdown.fill(original.replace("- How to start", "- How to start small\n- Who reviews what"));
    await taskPage.button("Review changes").click();
    const diff = taskPage.dialog.getByRole("table", { name: "Line changes" });
    await expect(diff).toContainText("How to start small");
    await expect(diff).toContainText("Who reviews what");
    await saveScreenshot("task-page-markdown-edit-diff");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/tasks\/task_/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Draft: Audit trails");
    await expect(page.getByText("Opening the next task in content.").first()).toBeVisible();
    const run = await finishedRun(api, draftRun);
    expect(run.output).toMatchObject({ edited: true, final: expect.stringContaining("Who reviews what") });
  });
});

test("a viewer sees the task read-only: no decision controls, shortcuts do nothing", async ({
  browser,
  baseURL,
  api,
  cli,
  team,
  mailbox,
  saveScreenshot,
}) => {
  test.setTimeout(120_000);
  const runId = await startRun(api, "email-outreach", { leads: [{ name: "Grace Hopper", email: "grace@example.com", company: "Navy" }] });
  const [task] = await pendingTasks(api, runId);
  const viewer = `${uniqueSlug("viewer")}@example.test`;
  await cli(["member:add", "--team", team.team.slug, "--email", viewer, "--role", "viewer"]);

  const { context, page } = await signedInPage(browser, { email: viewer, mailbox, baseURL: baseURL! });
  const taskPage = new TaskPage(page);
  await taskPage.open(task!.id, { interactive: false });
  await expect(page.getByRole("article", { name: "Email draft" })).toContainText("grace@example.com");
  await expect(page.getByText(/Read-only: as a viewer/)).toBeVisible();
  await expect(taskPage.button(/^(Approve|Edit|Reject)/)).toHaveCount(0);
  await page.keyboard.press("a");
  await expect(taskPage.dialog).toHaveCount(0);
  await saveScreenshot("task-page-viewer-read-only", page);
  expect((await (await api.get(`/api/v1/tasks/${task!.id}`)).json()).status).toBe("pending");
  await context.close();
});
