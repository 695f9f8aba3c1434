import { expect, test } from "./fixtures";
import { AuditPage } from "./audit/audit-page";
import { signIn } from "./support/sign-in";
import { finishedRun, pendingTasks, startRun, TaskPage, type ApiTask } from "./task-page/helpers";

const API_KEY_ACTOR = "API key “reviewer-tool”"; // the reviewer key the fixture makes (scope decide)

test("every decision, by API key or in the dashboard, is in the audit history with actor and action; filters and CSV export work", async ({
  page,
  api,
  team,
  mailbox,
  saveScreenshot,
}) => {
  test.setTimeout(240_000);
  const decisions: Array<{ task: ApiTask; action: string; actor: string }> = [];

  await test.step("an agent-side reviewer approves, edits and rejects drafts and answers a question over the API", async () => {
    const leads = ["Ada Lovelace", "Grace Hopper", "Alan Turing"].map((name) => ({
      name,
      email: `${name.split(" ")[0]!.toLowerCase()}@example.com`,
      company: "Analytical Engines",
    }));
    const outreach = await startRun(api, "email-outreach", { leads, product: "AgentControlLayer" });
    const drafts = await pendingTasks(api, outreach, 3);
    const draftTo = (email: string) => drafts.find((d) => d.payload.to === email)!;
    const [ada, grace, alan] = [draftTo("ada@example.com"), draftTo("grace@example.com"), draftTo("alan@example.com")];
    const triage = await startRun(api, "support-triage", {
      ticket: { subject: "Question about my workspace", body: "Something seems off since yesterday, can you take a look?" },
    });
    const [question] = await pendingTasks(api, triage);

    const resume = async (task: ApiTask, body: Record<string, unknown>, action: string) => {
      const res = await api.post(`/api/v1/tasks/${task.id}/resume`, { data: body });
      expect(res.status(), await res.text()).toBe(200);
      decisions.push({ task, action, actor: API_KEY_ACTOR });
    };
    await resume(ada!, { action: "approve", comment: "Good to go" }, "task.approved");
    await resume(grace!, { action: "edit", payload: { ...grace!.payload, subject: "A short question, Grace" } }, "task.edited");
    await resume(alan!, { action: "reject", comment: "Alan is an existing customer" }, "task.rejected");
    await resume(question!, { action: "respond", response: "They cannot export invoices since the last release." }, "task.responded");

    const run = await finishedRun(api, outreach);
    expect(run.output).toMatchObject({ rejected: ["alan@example.com"] });
  });

  await test.step("the owner approves a refund in the dashboard", async () => {
    const refund = await startRun(api, "refund", {
      orderId: "ORD-7001",
      amount: 120,
      currency: "USD",
      reason: "Arrived damaged",
      customerEmail: "kim@example.com",
    });
    const [task] = await pendingTasks(api, refund);
    await signIn(page, { email: team.owner.email, mailbox });
    const taskPage = new TaskPage(page);
    await taskPage.open(task!.id);
    await taskPage.button(/^Approve/).click();
    await expect(taskPage.dialog).toBeVisible();
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await (await api.get(`/api/v1/tasks/${task!.id}`)).json()).status, { timeout: 30_000 }).toBe("decided");
    decisions.push({ task: task!, action: "task.approved", actor: team.owner.email });
  });

  const audit = new AuditPage(page);
  await test.step("the audit history lists each decision with its actor and action", async () => {
    await audit.open();
    for (const d of decisions) {
      const row = audit.event(d.action, d.task.id);
      await expect(row, `${d.action} ${d.task.id}`).toHaveCount(1);
      await expect(row).toContainText(d.actor);
      await expect(row).toContainText(d.action);
    }
    await expect(audit.event("task.rejected", decisions[2]!.task.id)).toContainText("Alan is an existing customer");
    await expect(audit.event("task.edited", decisions[1]!.task.id)).toContainText("A short question, Grace");
    await saveScreenshot("audit-decisions");
  });

  await test.step("filtering by action keeps only that action, in a linkable URL", async () => {
    await audit.filter({ action: "task.rejected" });
    await expect(page).toHaveURL(/\/audit\?action=task\.rejected$/);
    await expect(audit.events).toHaveCount(1);
    await expect(audit.event("task.rejected", decisions[2]!.task.id)).toBeVisible();

    // A prefix matches every task decision and nothing else.
    await audit.open("?action=task.");
    await expect(audit.events.first()).toBeVisible();
    for (const action of await audit.events.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-action")))) {
      expect(action).toMatch(/^task\./);
    }
    for (const d of decisions) await expect(audit.event(d.action, d.task.id)).toHaveCount(1);
  });

  await test.step("filtering by actor shows only the owner's dashboard decision", async () => {
    await audit.open();
    await audit.filter({ actor: team.owner.email });
    await expect(page).toHaveURL(new RegExp(`actor=${team.owner.id}`));
    await expect(audit.event("task.approved", decisions[4]!.task.id)).toHaveCount(1);
    await expect(audit.events.filter({ hasText: API_KEY_ACTOR })).toHaveCount(0);
  });

  await test.step("an event has its own page with the reviewer's edit", async () => {
    await audit.open("?action=task.edited");
    await audit
      .event("task.edited", decisions[1]!.task.id)
      .getByRole("link", { name: /^Event evt_/ })
      .click();
    await expect(page).toHaveURL(/\/audit\/evt_/);
    const changed = page.getByRole("region", { name: "What the reviewer changed" });
    await expect(changed).toContainText("subject");
    await expect(changed).toContainText("A short question, Grace");
    await saveScreenshot("audit-event-edit");
  });

  await test.step("the CSV export downloads every decision", async () => {
    await audit.open();
    const csv = await audit.exportCsv();
    expect(csv.name).toMatch(new RegExp(`^audit-${team.team.slug}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    const lines = csv.text.trim().split("\n");
    expect(lines[0]).toBe("id,at,actor_type,actor_id,action,subject_type,subject_id,data");
    for (const d of decisions) {
      const actor = d.actor === API_KEY_ACTOR ? `"api_key","${team.deciderKeyId}"` : `"user","${team.owner.id}"`;
      expect(csv.text, `${d.action} ${d.task.id}`).toContain(`${actor},"${d.action}","task","${d.task.id}"`);
    }

    // The export follows the filters.
    await audit.open("?action=task.rejected");
    const filtered = await audit.exportCsv();
    expect(filtered.text.trim().split("\n")).toHaveLength(2);
    expect(filtered.text).toContain(`"task.rejected","task","${decisions[2]!.task.id}"`);
  });
});
