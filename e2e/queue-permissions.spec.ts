import type { APIRequestContext } from "@playwright/test";
import { expect, test, uniqueSlug } from "./fixtures";
import { signedInPage } from "./support/sign-in";

/**
 * Queue permissions as a member experiences them: a reviewer limited to `support` never sees
 * `finance` (not on the home page, not by URL); a viewer reads queues but has no decision
 * controls, and the server refuses the decision even when the action is called directly.
 */

async function startRefund(api: APIRequestContext, amount: number, orderId: string) {
  const res = await api.post("/api/v1/runs", {
    data: {
      workflow: "refund",
      input: { orderId, amount, currency: "USD", reason: "Damaged in transit", customerEmail: "pat@example.com" },
    },
  });
  expect(res.status(), await res.text()).toBe(202);
  const run = (await res.json()) as { id: string };
  for (let i = 0; i < 6; i++) {
    const poll = (await (await api.get(`/api/v1/runs/${run.id}?wait=10`)).json()) as { status: string; pendingTaskIds: string[] };
    if (poll.status === "waiting" && poll.pendingTaskIds.length === 1) return { runId: run.id, taskId: poll.pendingTaskIds[0]! };
  }
  throw new Error(`refund run ${run.id} never paused for review`);
}

test("a reviewer limited to support cannot see finance; a viewer reads but cannot decide", async ({
  browser,
  baseURL,
  api,
  cli,
  team,
  mailbox,
  db,
  saveScreenshot,
}) => {
  test.setTimeout(480_000);
  const support = await startRefund(api, 180, "ORD-SUP-1");
  const finance = await startRefund(api, 900, "ORD-FIN-1");
  const reviewer = `${uniqueSlug("rev")}@example.test`;
  const viewer = `${uniqueSlug("view")}@example.test`;
  await cli(["member:add", "--team", team.team.slug, "--email", reviewer, "--role", "reviewer", "--queues", "support"]);
  await cli(["member:add", "--team", team.team.slug, "--email", viewer, "--role", "viewer"]);

  await test.step("the support reviewer sees support and nothing of finance", async () => {
    const { context, page } = await signedInPage(browser, { email: reviewer, mailbox, baseURL: baseURL! });
    await page.goto("/");
    const queues = page.getByRole("list", { name: "Queues" });
    await expect(queues.getByRole("link", { name: /support/ })).toBeVisible();
    await expect(queues.getByRole("link", { name: /finance/ })).toHaveCount(0);
    await saveScreenshot("queue-permissions-reviewer-home", page);

    await page.goto("/queues/support");
    await expect(page.getByRole("link", { name: "Refund 180.00 USD for order ORD-SUP-1" })).toBeVisible();
    await expect(page.getByRole("checkbox", { name: "Select all on this page" })).toBeVisible();
    await expect(page.getByText("ORD-FIN-1")).toHaveCount(0);
    await saveScreenshot("queue-permissions-reviewer-support", page);

    await page.goto("/queues/finance");
    await expect(page.getByText(/could not be found|not found/i).first()).toBeVisible();
    await expect(page.getByText("ORD-FIN-1")).toHaveCount(0);
    await page.goto(`/tasks/${finance.taskId}`);
    await expect(page.getByText(/could not be found|not found/i).first()).toBeVisible();
    await expect(page.getByText("ORD-FIN-1")).toHaveCount(0);
    await saveScreenshot("queue-permissions-reviewer-finance-404", page);
    await context.close();
  });

  await test.step("the viewer reads the queue but gets no decision controls, and the server refuses", async () => {
    const { context, page } = await signedInPage(browser, { email: viewer, mailbox, baseURL: baseURL! });
    await page.goto("/queues/support");
    await expect(page.getByRole("link", { name: "Refund 180.00 USD for order ORD-SUP-1" })).toBeVisible();
    await expect(page.getByText("View only")).toBeVisible();
    await expect(page.getByRole("checkbox")).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^(Approve|Reject)/ })).toHaveCount(0);
    // The decision shortcuts do nothing for a viewer: no confirmation, no toast, the task stays pending.
    const row = page.getByRole("link", { name: "Refund 180.00 USD for order ORD-SUP-1" });
    await row.focus();
    for (const key of ["a", "r", "x"]) await page.keyboard.press(key);
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await expect(page.getByRole("alertdialog")).toHaveCount(0);
    await expect(page.getByText(/approved|rejected/i)).toHaveCount(0);
    await saveScreenshot("queue-permissions-viewer-support", page);
    // (The server action refuses a viewer too: tests/integration/queue-access.test.ts, through its service.)
    // The public API with the viewer's session says the same.
    const api403 = await page.request.post(`/api/v1/tasks/${support.taskId}/resume`, {
      data: { action: "approve" },
      headers: { origin: baseURL! },
    });
    expect(api403.status()).toBe(403);
    await context.close();
  });

  const { rows } = await db.query<{ status: string }>("select status from tasks where id = any($1)", [[support.taskId, finance.taskId]]);
  expect(rows.map((r) => r.status)).toEqual(["pending", "pending"]);
});
