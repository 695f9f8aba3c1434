import type { APIRequestContext, Page } from "@playwright/test";
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

/** Finds the id of a server action in the client JS the page loaded (Next embeds its export name). */
async function serverActionId(page: Page, exportName: string): Promise<string> {
  const scripts = await page.evaluate(() => [...document.scripts].map((s) => s.src).filter(Boolean));
  for (const src of scripts) {
    const js = await (await page.request.get(src)).text();
    const m = js.match(new RegExp(`createServerReference\\)?\\("([0-9a-f]{20,})"[^)]*?"${exportName}"`));
    if (m) return m[1]!;
  }
  throw new Error(`server action ${exportName} not found in the page's scripts`);
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
  test.setTimeout(150_000);
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
    await page.keyboard.press("a"); // the shortcut does nothing for a viewer
    await saveScreenshot("queue-permissions-viewer-support", page);

    // Call the server action the way the browser would, bypassing the hidden controls.
    const actionId = await serverActionId(page, "decideTasksAction");
    const res = await page.request.post("/queues/support", {
      headers: { "next-action": actionId, accept: "text/x-component", "content-type": "text/plain;charset=UTF-8", origin: baseURL! },
      data: JSON.stringify([{ taskIds: [support.taskId], action: "approve" }]),
    });
    expect(await res.text()).toMatch(/"ok":false.*"code":"forbidden"/);
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
