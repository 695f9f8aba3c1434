import { expect, test, uniqueSlug } from "./fixtures";
import { expectNoA11yViolationsInThemes } from "./support/a11y";
import { signedInPage, signIn } from "./support/sign-in";
import { pendingTasks, startRun, TaskPage } from "./task-page/helpers";

/**
 * Settings → Members as the owner uses it: a viewer is made reviewer (role select) and limited to
 * `support` (queue access dialog), and the member feels both at once in their own session: finance
 * disappears (home, by URL, by API), and support decisions go from refused to allowed. Each change
 * is one `member.updated` audit event with before/after. Every menu and dialog opened is checked by axe.
 */
const refund = (orderId: string, amount: number) => ({
  orderId,
  amount,
  currency: "USD",
  reason: "Damaged in transit",
  customerEmail: "pat@example.com",
});

test("an owner changes a member's role and queue access; the member sees and decides accordingly; both audited", async ({
  page,
  browser,
  baseURL,
  api,
  cli,
  db,
  team,
  mailbox,
}) => {
  test.setTimeout(480_000);
  const [support] = await pendingTasks(api, await startRun(api, "refund", refund("ORD-SUP-7", 180)));
  const [finance] = await pendingTasks(api, await startRun(api, "refund", refund("ORD-FIN-7", 900)));
  expect([support!.queue, finance!.queue]).toEqual(["support", "finance"]);
  const email = `${uniqueSlug("member")}@example.test`;
  await cli(["member:add", "--team", team.team.slug, "--email", email, "--role", "viewer"]);
  const member = await signedInPage(browser, { email, mailbox, baseURL: baseURL! });
  const queuesList = () => member.page.getByRole("list", { name: "Queues" });
  const resumeAsMember = (taskId: string) =>
    member.page.request.post(`/api/v1/tasks/${taskId}/resume`, { data: { action: "approve" }, headers: { origin: baseURL! } });

  await test.step("before: as a viewer the member sees both queues and may decide nothing", async () => {
    await member.page.goto("/");
    await expect(queuesList().getByRole("link", { name: /support/ })).toBeVisible();
    await expect(queuesList().getByRole("link", { name: /finance/ })).toBeVisible();
    await new TaskPage(member.page).open(support!.id, { interactive: false });
    await expect(member.page.getByRole("button", { name: /^Approve/ })).toHaveCount(0);
    expect((await resumeAsMember(support!.id)).status()).toBe(403);
  });

  await signIn(page, { email: team.owner.email, mailbox, callbackPath: "/settings/members" });
  const auditOf = async () => {
    const { rows } = await db.query<{ actor_id: string; data: { before: unknown; after: unknown } }>(
      `select actor_id, data from audit_events where team_id = $1 and action = 'member.updated' order by id`,
      [team.team.id],
    );
    return rows;
  };

  await test.step("the owner makes the viewer a reviewer", async () => {
    const role = page.getByRole("combobox", { name: `Role of ${email}` });
    await expect(role).toHaveText(/viewer/);
    await role.click();
    await expect(page.getByRole("listbox")).toBeVisible();
    await expectNoA11yViolationsInThemes(page, { context: "settings, member role select open" });
    await page.getByRole("option", { name: "reviewer" }).click();
    await expect(page.getByText(`${email} is now reviewer`)).toBeVisible();
    await expect(role).toHaveText(/reviewer/);
    await expect.poll(async () => (await auditOf()).length).toBe(1);
    // The toast fades out after a few seconds: not in the middle of the next contrast checks (a
    // half-transparent toast measured 1.54:1 once).
    await expect(page.getByText(`${email} is now reviewer`)).toBeHidden({ timeout: 15_000 });
  });

  await test.step("the owner limits the member to the support queue", async () => {
    await page.getByRole("button", { name: `Actions for ${email}` }).click();
    await page.getByRole("menuitem", { name: /Queue access/ }).click();
    const dialog = page.getByRole("dialog", { name: "Queue access" });
    await expect(dialog).toBeVisible();
    await expectNoA11yViolationsInThemes(page, { context: "settings, queue access dialog (every queue)" });
    await dialog.getByLabel("Every queue their role may work").click();
    await expect(dialog.getByRole("button", { name: "Save" })).toBeDisabled(); // none chosen yet
    await dialog.getByLabel("support").check();
    await expect(dialog.getByLabel("finance")).not.toBeChecked();
    await expectNoA11yViolationsInThemes(page, { context: "settings, queue access dialog (support chosen)" });
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByText(`Updated queue access for ${email}`)).toBeVisible();
    await expect(page.getByRole("row", { name: new RegExp(email) })).toContainText("support");
  });

  await test.step("both changes are audited with who, before and after", async () => {
    const events = await auditOf();
    expect(events.map((e) => [e.actor_id, e.data.before, e.data.after])).toEqual([
      [team.owner.id, { role: "viewer", queues: null }, { role: "reviewer", queues: null }],
      [team.owner.id, { role: "reviewer", queues: null }, { role: "reviewer", queues: ["support"] }],
    ]);
  });

  await test.step("after: in the same session, finance is gone and a support decision is allowed", async () => {
    await member.page.goto("/");
    await expect(queuesList().getByRole("link", { name: /support/ })).toBeVisible();
    await expect(queuesList().getByRole("link", { name: /finance/ })).toHaveCount(0);
    await member.page.goto(`/tasks/${finance!.id}`);
    await expect(member.page.getByText(/could not be found|not found/i).first()).toBeVisible();
    await expect(member.page.getByText("ORD-FIN-7")).toHaveCount(0);
    expect((await resumeAsMember(finance!.id)).status()).toBe(404);

    const taskPage = new TaskPage(member.page);
    await taskPage.open(support!.id);
    await taskPage.button(/^Approve/).click();
    await expect(taskPage.dialog).toBeVisible();
    await member.page.keyboard.press("Enter");
    // Decided, the page moves on to the queue (now empty).
    await expect(member.page.getByRole("heading", { level: 1, name: "support" })).toBeVisible();
    await expect
      .poll(async () => (await db.query<{ status: string }>("select status from tasks where id = $1", [support!.id])).rows[0]!.status)
      .toBe("decided");
  });

  const { rows } = await db.query<{ id: string; status: string; actor: string | null }>(
    `select t.id, t.status, t.decision->'actor'->>'id' as actor from tasks t where t.id = any($1) order by t.created_at`,
    [[support!.id, finance!.id]],
  );
  const { rows: users } = await db.query<{ id: string }>(`select id from users where email = $1`, [email]);
  expect(rows.map((r) => [r.id, r.status, r.actor])).toEqual([
    [support!.id, "decided", users[0]!.id],
    [finance!.id, "pending", null],
  ]);
  await member.context.close();
});
