import { expect, test } from "../fixtures";
import { expectNoA11yViolationsInThemes } from "../support/a11y";
import { signIn } from "../support/sign-in";
import { finishedRun, pendingTasks, startRun } from "../task-page/helpers";

/**
 * axe-core (WCAG 2.1 A/AA) in both themes on runs, a run (waiting, completed, the cancel
 * confirmation), audit with filters, an audit event, workflows with each start-run form and its
 * dialogs, and feedback. Zero serious or critical violations (see e2e/support/a11y.ts).
 */

test("runs, run page with its cancel confirmation, audit and an audit event", async ({ page, api, team, mailbox }) => {
  test.setTimeout(420_000);
  // History for every list: one run waiting, one completed after an edit (feedback + audit), one rejected.
  const waiting = await startRun(api, "refund", {
    orderId: "ORD-2210",
    amount: 1450,
    currency: "EUR",
    reason: "Duplicate plan",
    customerEmail: "kim@example.com",
  });
  const edited = await startRun(api, "email-outreach", {
    product: "AgentControlLayer",
    leads: [{ name: "Ada Lovelace", email: "ada@example.com", company: "Analytical" }],
  });
  const rejected = await startRun(api, "content-draft", { topic: "Audit trails" });
  await pendingTasks(api, waiting);
  const [draft] = await pendingTasks(api, edited);
  const [article] = await pendingTasks(api, rejected);
  const subject = `${String(draft!.payload.subject)} (quick question)`;
  expect(
    (await api.post(`/api/v1/tasks/${draft!.id}/resume`, { data: { action: "edit", payload: { ...draft!.payload, subject } } })).status(),
  ).toBe(200);
  expect((await api.post(`/api/v1/tasks/${article!.id}/resume`, { data: { action: "reject", comment: "Off topic" } })).status()).toBe(200);
  await finishedRun(api, edited);

  await signIn(page, { email: team.owner.email, mailbox });

  await test.step("runs", async () => {
    await page.goto("/runs");
    await expect(page.getByRole("link", { name: /Refund/ }).first()).toBeVisible();
    await expectNoA11yViolationsInThemes(page, { context: "runs" });
    await page.goto("/runs?status=waiting");
    await expectNoA11yViolationsInThemes(page, { context: "runs, waiting only" });
  });

  await test.step("a waiting run and its cancel confirmation", async () => {
    await page.goto(`/runs/${waiting}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoA11yViolationsInThemes(page, { context: "run page, waiting" });
    await page.getByRole("button", { name: /Cancel run/ }).click();
    await expect(page.getByRole("alertdialog")).toBeVisible();
    await expectNoA11yViolationsInThemes(page, { context: "run page, cancel confirmation" });
    await page.keyboard.press("Escape");
  });

  await test.step("a completed run with its timeline", async () => {
    await page.goto(`/runs/${edited}`);
    await expect(page.getByText("completed", { exact: false }).first()).toBeVisible();
    await page
      .locator('[aria-busy="true"]')
      .first()
      .waitFor({ state: "detached" })
      .catch(() => {});
    await expectNoA11yViolationsInThemes(page, { context: "run page, completed" });
  });

  let eventHref = "";
  await test.step("audit, filtered and unfiltered", async () => {
    await page.goto("/audit");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoA11yViolationsInThemes(page, { context: "audit" });
    eventHref =
      (await page
        .getByRole("link", { name: /^Event evt_/ })
        .first()
        .getAttribute("href")) ?? "";
    await page.goto("/audit?subjectType=task&action=task.decided");
    await expectNoA11yViolationsInThemes(page, { context: "audit, filtered" });
  });

  await test.step("an audit event", async () => {
    expect(eventHref).toMatch(/^\/audit\/.+/);
    await page.goto(eventHref);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoA11yViolationsInThemes(page, { context: "audit event" });
  });
});

test("workflows, each start-run form and its dialogs, and feedback", async ({ page, api, team, mailbox }) => {
  test.setTimeout(360_000);
  const run = await startRun(api, "email-outreach", {
    product: "AgentControlLayer",
    leads: [{ name: "Ada Lovelace", email: "ada@example.com", company: "Analytical" }],
  });
  const [draft] = await pendingTasks(api, run);
  const subject = `${String(draft!.payload.subject)} (quick question)`;
  expect(
    (await api.post(`/api/v1/tasks/${draft!.id}/resume`, { data: { action: "edit", payload: { ...draft!.payload, subject } } })).status(),
  ).toBe(200);
  await signIn(page, { email: team.owner.email, mailbox });

  await test.step("workflows and each start-run form", async () => {
    await page.goto("/workflows");
    await expectNoA11yViolationsInThemes(page, { context: "workflows" });
    for (const id of ["email-outreach", "refund", "support-triage", "content-draft"]) {
      await page.goto(`/workflows/${id}`);
      await expect(page.getByRole("button", { name: "Start run" })).toBeVisible();
      await expectNoA11yViolationsInThemes(page, { context: `start-run form, ${id}` });
    }
    // Invalid input shows the form's error state.
    await page.goto("/workflows/refund");
    await page.getByRole("button", { name: "Start run" }).click();
    await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible();
    await expectNoA11yViolationsInThemes(page, { context: "start-run form, errors" });
  });

  await test.step("the useStream playground, idle and paused at its interrupt", async () => {
    await page.goto("/workflows/refund/playground");
    await expect(page.getByRole("button", { name: "Start with useStream" })).toBeVisible();
    await expectNoA11yViolationsInThemes(page, { context: "playground" });
    await page.getByLabel(/^Order id/).fill("ord_a11y_1");
    await page.getByLabel(/^Amount/).fill("120");
    await page.getByLabel(/^Currency/).fill("usd");
    await page.getByLabel(/^Reason/).fill("Arrived broken");
    await page.getByLabel(/^Customer email/).fill("pat@example.com");
    await page.getByRole("button", { name: "Start with useStream" }).click();
    await expect(page.getByRole("region", { name: "Interrupt" })).toBeVisible({ timeout: 30_000 });
    await expectNoA11yViolationsInThemes(page, { context: "playground, paused at an interrupt" });
  });

  await test.step("the leads dialogs of the outreach form", async () => {
    await page.goto("/workflows/email-outreach");
    await page.getByRole("button", { name: "Generate sample leads" }).click();
    await expect(page.getByRole("dialog")).toBeVisible();
    await expectNoA11yViolationsInThemes(page, { context: "start-run form, generate leads dialog" });
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "Paste CSV" }).click();
    await page.getByRole("textbox", { name: "CSV" }).fill("name,email,company\nAda,ada@example.com,Analytical\nbroken line");
    await expectNoA11yViolationsInThemes(page, { context: "start-run form, paste CSV dialog" });
    await page.keyboard.press("Escape");
  });

  await test.step("feedback", async () => {
    await page.goto("/feedback");
    await expect(page.getByText("quick question").first()).toBeVisible();
    await expectNoA11yViolationsInThemes(page, { context: "feedback" });
  });
});
