import { expect, test } from "./fixtures";
import { expectNoA11yViolationsInThemes } from "./support/a11y";
import { signIn } from "./support/sign-in";

/**
 * The analytics page over a small history made through the API: the figures match it exactly,
 * the charts are drawn (Recharts), the numbers behind them are in tables, and axe finds nothing.
 */
test("analytics shows the team's decision figures with charts", async ({ page, api, team, mailbox }) => {
  test.setTimeout(300_000);
  const create = async (title: string, queue: string) => {
    const res = await api.post("/api/v1/tasks", {
      data: { kind: "approval", queue, title, payload: { subject: "Hello", body: "Draft" }, allowed: ["approve", "edit", "reject"] },
    });
    expect(res.status()).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  const decide = async (id: string, body: Record<string, unknown>) =>
    expect((await api.post(`/api/v1/tasks/${id}/resume`, { data: body })).status()).toBe(200);

  // 5 tasks: 2 approved, 1 edited (subject), 1 rejected, 1 pending.
  const ids = await Promise.all(["A", "B", "C", "D", "E"].map((t, i) => create(`Task ${t}`, i < 3 ? "support" : "sales")));
  await decide(ids[0]!, { action: "approve" });
  await decide(ids[1]!, { action: "approve" });
  await decide(ids[2]!, { action: "edit", payload: { subject: "Hello there", body: "Draft" } });
  await decide(ids[3]!, { action: "reject", comment: "No" });

  await signIn(page, { email: team.owner.email, mailbox });
  await page.goto("/analytics");
  await expect(page.getByRole("heading", { level: 1, name: "Analytics" })).toBeVisible();

  const figure = (label: string) => page.locator("dt", { hasText: label }).locator("xpath=following-sibling::dd[1]");
  await expect(figure("Tasks created")).toHaveText("5");
  await expect(figure("Approved as drafted")).toHaveText("50%"); // 2 of 4 decided
  await expect(figure("Edited")).toHaveText("25%");
  await expect(page.getByText("2 of 4 decided")).toBeVisible();

  // Charts are drawn: bars in the SVG of the per-day and per-workflow charts.
  await expect(page.locator(".recharts-bar-rectangle").first()).toBeVisible();
  // The numbers behind the queue chart, in a real table.
  await page.getByText("Show the numbers: time to decision per queue").click();
  const queueTable = page.getByRole("table", { name: "Time to decision per queue" });
  await expect(queueTable.getByRole("row", { name: /support/ })).toContainText("3");
  await expect(queueTable.getByRole("row", { name: /sales/ })).toContainText("2");

  await expectNoA11yViolationsInThemes(page, { context: "analytics" });

  // A filter narrows every figure and stays in the URL.
  await page.getByRole("combobox", { name: "Filter by queue" }).selectOption("sales");
  await expect(page).toHaveURL(/queue=sales/);
  await expect(figure("Tasks created")).toHaveText("2");
});

/**
 * Policies as code: a history of 200 refund approvals (seeded in SQL) makes the gate a candidate;
 * one click creates the policy (listed with its rule, source and creator), Revert switches it off.
 */
test("a suggested policy is created in one click and reverted", async ({ page, team, mailbox, db }) => {
  test.setTimeout(300_000);
  const runId = `run_e2e_${team.team.id}`;
  const title = "Refund 60.00 EUR for order E2E-1";
  await db.query(`insert into runs (id, team_id, workflow, status, input) values ($1, $2, 'refund', 'completed', '{}')`, [
    runId,
    team.team.id,
  ]);
  await db.query(
    `insert into tasks (id, team_id, run_id, interrupt_id, workflow, kind, queue, status, title, payload, allowed, decision, created_at, decided_at, applied_at)
     select 'task_e2e_' || $1 || '_' || i, $1, $2, 'seed-' || i, 'refund', 'approval', 'support', 'decided', $3,
            jsonb_build_object('orderId', 'E2E-1', 'amount', 60 + i % 3, 'currency', 'EUR'), '{approve,edit,reject}',
            jsonb_build_object('action', 'approve', 'actor', jsonb_build_object('type', 'user', 'id', $4::text), 'at', now()::text),
            now() - interval '1 hour', now() - (i || ' seconds')::interval, now()
     from generate_series(1, 200) as i`,
    [team.team.id, runId, title, team.owner.id],
  );

  await signIn(page, { email: team.owner.email, mailbox });
  await page.goto("/analytics");
  const suggestions = page.getByRole("table", { name: "Suggested policies" });
  const row = suggestions.getByRole("row", { name: new RegExp(title) });
  await expect(row).toContainText("200 of 200");
  await expect(row).toContainText("60 ≤ amount ≤ 62");
  await expectNoA11yViolationsInThemes(page, { context: "analytics-policies" });

  await row.getByRole("button", { name: `Create policy for “${title}”` }).click();
  const policies = page.getByRole("table", { name: "Policies", exact: true });
  const policy = policies.getByRole("row", { name: /60 ≤ amount ≤ 62/ });
  await expect(policy).toContainText("Active");
  await expect(policy).toContainText("from a suggestion");
  await expect(policy).toContainText(team.owner.email);
  await expect(page.getByText("No gate qualifies yet.")).toBeVisible();

  await policy.getByRole("button", { name: /Revert/ }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revert policy" }).click();
  await expect(policy).toContainText("Reverted");
  await expect(policy.getByRole("button", { name: /Revert/ })).toHaveCount(0);
});
