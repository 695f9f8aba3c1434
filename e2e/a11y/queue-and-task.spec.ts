import { expect, test } from "../fixtures";
import { expectNoA11yViolationsInThemes } from "../support/a11y";
import { signIn } from "../support/sign-in";
import { pendingTasks, startRun, TaskPage } from "../task-page/helpers";

/**
 * axe-core (WCAG 2.1 A/AA) on the reviewer's core pages and every dialog on them, in the light
 * and the dark theme: home, a queue with filters, the bulk confirmation, the shortcuts help, the
 * assign menu, and the task page in each payload renderer, in edit mode with the diff and with
 * the reject dialog. Zero serious or critical violations (see e2e/support/a11y.ts).
 */

test("home, queue, filters and the assign menu", async ({ page, api, team, mailbox }) => {
  test.setTimeout(360_000);
  const runId = await startRun(api, "email-outreach", {
    product: "AgentControlLayer",
    leads: [
      { name: "Ada Lovelace", email: "ada@example.com", company: "Analytical" },
      { name: "Grace Hopper", email: "grace@example.com", company: "Navy" },
      { name: "Alan Turing", email: "alan@example.com", company: "Bletchley" },
    ],
  });
  await pendingTasks(api, runId, 3);
  await signIn(page, { email: team.owner.email, mailbox });

  await test.step("home", async () => {
    await page.goto("/");
    await expect(page.getByTestId("pending-outreach")).toHaveText("3");
    await expectNoA11yViolationsInThemes(page, { context: "home" });
  });

  const rows = page.getByRole("list", { name: "Pending tasks in outreach" }).getByRole("listitem");
  await test.step("queue", async () => {
    await page.goto("/queues/outreach");
    await expect(rows).toHaveCount(3);
    await expectNoA11yViolationsInThemes(page, { context: "queue" });
  });

  await test.step("queue with filters applied and a filter open", async () => {
    await page.goto("/queues/outreach?kind=approval&assignee=none&workflow=email-outreach");
    await expect(rows).toHaveCount(3);
    await expectNoA11yViolationsInThemes(page, { context: "queue, filtered" });
    await page.getByRole("combobox", { name: /^Kind/ }).click();
    await expect(page.getByRole("listbox")).toBeVisible();
    await expectNoA11yViolationsInThemes(page, { context: "queue, kind filter open" });
    await page.keyboard.press("Escape");
    await expect(page.getByRole("listbox")).toHaveCount(0);
  });

  await test.step("assign menu", async () => {
    await page.goto("/queues/outreach");
    await rows
      .first()
      .getByRole("button", { name: /Unassigned/ })
      .click();
    await expect(page.getByRole("menu")).toBeVisible();
    await expectNoA11yViolationsInThemes(page, { context: "queue, assign menu" });
    await page.keyboard.press("Escape");
    await expect(page.getByRole("menu")).toHaveCount(0);
  });
});

test("queue selection, bulk confirmations, shortcuts help and an empty queue", async ({ page, api, team, mailbox }) => {
  test.setTimeout(360_000);
  const runId = await startRun(api, "email-outreach", {
    product: "AgentControlLayer",
    leads: [
      { name: "Ada Lovelace", email: "ada@example.com", company: "Analytical" },
      { name: "Grace Hopper", email: "grace@example.com", company: "Navy" },
    ],
  });
  await pendingTasks(api, runId, 2);
  await signIn(page, { email: team.owner.email, mailbox, callbackPath: "/queues/outreach" });
  const rows = page.getByRole("list", { name: "Pending tasks in outreach" }).getByRole("listitem");
  await expect(rows).toHaveCount(2);

  await test.step("selection, bulk bar and the bulk confirmation dialog", async () => {
    await rows.nth(0).getByRole("checkbox").click();
    await rows.nth(1).getByRole("checkbox").click();
    const bulk = page.getByRole("region", { name: "Bulk actions" });
    await expect(bulk).toContainText("2");
    await expectNoA11yViolationsInThemes(page, { context: "queue, two selected" });
    await bulk.getByRole("button", { name: /^Reject 2/ }).click();
    const dialog = page.getByRole("dialog", { name: /Reject 2 tasks/ });
    await expect(dialog).toBeVisible();
    await expectNoA11yViolationsInThemes(page, { context: "queue, bulk reject confirmation" });
    // The reason is required: the error state is checked too.
    await dialog.getByRole("button", { name: /^Reject 2/ }).click();
    await expect(dialog.getByRole("textbox")).toHaveAttribute("aria-invalid", "true");
    await expectNoA11yViolationsInThemes(page, { context: "queue, bulk reject without a reason" });
    await page.keyboard.press("Escape");
    await bulk.getByRole("button", { name: /^Approve 2/ }).click();
    await expect(page.getByRole("dialog", { name: /Approve 2 tasks/ })).toBeVisible();
    await expectNoA11yViolationsInThemes(page, { context: "queue, bulk approve confirmation" });
    await page.keyboard.press("Escape");
  });

  await test.step("keyboard shortcuts dialog", async () => {
    await page.getByRole("button", { name: /Shortcuts/ }).click();
    await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
    await expectNoA11yViolationsInThemes(page, { context: "queue, shortcuts dialog" });
    await page.keyboard.press("Escape");
  });

  await test.step("an empty queue", async () => {
    await page.goto("/queues/outreach?kind=clarification");
    await expect(rows).toHaveCount(0);
    await expectNoA11yViolationsInThemes(page, { context: "queue, nothing matches the filters" });
  });
});

test("task page in each renderer, in edit mode with the diff, and the reject dialog", async ({ page, api, team, mailbox }) => {
  test.setTimeout(480_000);
  const email = startRun(api, "email-outreach", {
    product: "AgentControlLayer",
    leads: [{ name: "Ada Lovelace", email: "ada@example.com", company: "Analytical" }],
  });
  const refund = startRun(api, "refund", {
    orderId: "ORD-1042",
    amount: 129.5,
    currency: "USD",
    reason: "Arrived damaged",
    customerEmail: "sam@example.com",
  });
  const markdown = startRun(api, "content-draft", { topic: "Human review for AI agents" });
  const clarification = startRun(api, "support-triage", {
    ticket: { subject: "Question about my workspace", body: "Something seems off since yesterday, can you take a look?" },
  });
  const standalone = await api.post("/api/v1/tasks", {
    data: {
      kind: "approval",
      queue: "ops",
      title: "Rotate the production database password",
      description: "A standalone request from an agent outside the built-in workflows.",
      payload: { database: "orders", rotateAt: "2026-07-01T02:00:00Z", notify: ["oncall@example.com"], dryRun: false },
    },
  });
  expect(standalone.status(), await standalone.text()).toBe(201);
  const jsonTask = (await standalone.json()) as { id: string };
  const [[emailTask], [refundTask], [markdownTask], [clarificationTask]] = await Promise.all(
    [email, refund, markdown, clarification].map(async (id) => pendingTasks(api, await id)),
  );
  expect(clarificationTask!.kind).toBe("clarification");

  await signIn(page, { email: team.owner.email, mailbox });
  const taskPage = new TaskPage(page);
  const renderers: Array<[string, string]> = [
    ["email", emailTask!.id],
    ["refund", refundTask!.id],
    ["markdown", markdownTask!.id],
    ["clarification (ticket)", clarificationTask!.id],
    ["JSON", jsonTask.id],
  ];
  for (const [name, id] of renderers) {
    await test.step(`task page: ${name}`, async () => {
      await taskPage.open(id);
      await expectNoA11yViolationsInThemes(page, { context: `task page, ${name}` });
    });
  }

  await test.step("edit mode and the diff before sending (email)", async () => {
    await taskPage.open(emailTask!.id, { edit: true });
    await expect(page.getByRole("heading", { name: "Edit the proposal" })).toBeVisible();
    await expectNoA11yViolationsInThemes(page, { context: "task page, edit form" });
    const subject = page.getByLabel(/^Subject/);
    await subject.fill(`${await subject.inputValue()} (quick question)`);
    await taskPage.button("Review changes").click();
    await expect(taskPage.dialog).toBeVisible();
    await expectNoA11yViolationsInThemes(page, { context: "task page, edit diff dialog" });
    await page.keyboard.press("Escape");
  });

  await test.step("edit mode with a line diff (markdown)", async () => {
    await taskPage.open(markdownTask!.id, { edit: true });
    const draft = page.getByLabel(/^Draft \(markdown\)/);
    await draft.fill(`${await draft.inputValue()}\n\nOne more line.`);
    await taskPage.button("Review changes").click();
    await expect(taskPage.dialog.getByRole("table", { name: "Line changes" })).toBeVisible();
    await expectNoA11yViolationsInThemes(page, { context: "task page, markdown line diff dialog" });
    await page.keyboard.press("Escape");
  });

  await test.step("edit mode as raw JSON (standalone task)", async () => {
    await taskPage.open(jsonTask.id, { edit: true });
    await expectNoA11yViolationsInThemes(page, { context: "task page, JSON edit form" });
  });

  await test.step("reject dialog", async () => {
    await taskPage.open(refundTask!.id);
    await taskPage.button(/^Reject/).click();
    await expect(taskPage.dialog).toBeVisible();
    await expectNoA11yViolationsInThemes(page, { context: "task page, reject dialog" });
    await page.keyboard.press("Escape");
  });

  await test.step("a decided task", async () => {
    expect(
      (await api.post(`/api/v1/tasks/${refundTask!.id}/resume`, { data: { action: "reject", comment: "Not eligible" } })).status(),
    ).toBe(200);
    await taskPage.open(refundTask!.id, { interactive: false });
    await expect(page.getByTestId("decision-summary")).toBeVisible();
    await expectNoA11yViolationsInThemes(page, { context: "task page, decided" });
  });
});
