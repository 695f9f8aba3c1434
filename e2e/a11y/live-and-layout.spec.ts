import { expect, test } from "../fixtures";
import { signIn } from "../support/sign-in";
import { pendingTasks, startRun } from "../task-page/helpers";

/**
 * Screen-reader and layout checks that axe cannot make: tasks arriving over the live stream are
 * announced politely, status badges carry a word (not just a colour), and the sidebar spans the
 * whole height of a page that is longer than the window.
 */

test("new tasks arriving over the live stream are announced politely", async ({ page, api, team, mailbox }) => {
  test.setTimeout(120_000);
  const ask = (title: string) =>
    api.post("/api/v1/tasks", { data: { kind: "approval", queue: "ops", title, payload: { step: title } } }).then((r) => {
      expect(r.status()).toBe(201);
    });
  await ask("Restart the billing worker");
  await signIn(page, { email: team.owner.email, mailbox, callbackPath: "/queues/ops" });
  await expect(page.getByText("Live", { exact: true })).toBeVisible();

  const announcement = page.getByTestId("live-announcement");
  await expect(announcement).toHaveAttribute("role", "status");
  await expect(announcement).toHaveAttribute("aria-live", "polite");
  await expect(announcement).toHaveText("");

  await ask("Rotate the API gateway certificate");
  await expect(announcement).toHaveText("1 new task arrived in ops");
  await ask("Scale the queue workers");
  await expect(announcement).toHaveText("2 new tasks arrived in ops");
  const pill = page.getByRole("button", { name: /2 new tasks arrived/ });
  await expect(pill).toBeVisible();
  await pill.click();
  await expect(announcement).toHaveText("");

  // Home announces arrivals in any visible queue.
  await page.goto("/");
  await expect(page.getByText("Live", { exact: true })).toBeVisible();
  await ask("Renew the TLS certificate");
  await expect(page.getByTestId("live-announcement")).toHaveText("1 new task arrived");
});

test("status badges carry text, and the sidebar spans long pages", async ({ page, api, team, mailbox }) => {
  test.setTimeout(180_000);
  const runs = await Promise.all(
    ["ORD-1", "ORD-2", "ORD-3"].map((orderId) =>
      startRun(api, "refund", { orderId, amount: 120, currency: "USD", reason: "Damaged", customerEmail: "c@example.com" }),
    ),
  );
  const tasks = (await Promise.all(runs.map((r) => pendingTasks(api, r)))).flat();
  expect((await api.post(`/api/v1/tasks/${tasks[0]!.id}/resume`, { data: { action: "approve" } })).status()).toBe(200);
  expect((await api.post(`/api/v1/tasks/${tasks[1]!.id}/resume`, { data: { action: "reject", comment: "No" } })).status()).toBe(200);
  await signIn(page, { email: team.owner.email, mailbox });

  await test.step("run status badges name their status", async () => {
    await page.goto("/runs");
    const badges = page.locator("main [data-status]");
    await expect(badges.first()).toBeVisible();
    for (const badge of await badges.all()) {
      const status = await badge.getAttribute("data-status");
      await expect(badge, `badge for ${status}`).toHaveText(/\w{4,}/);
    }
  });

  await test.step("the sidebar reaches the bottom of a page longer than the window", async () => {
    await page.setViewportSize({ width: 1280, height: 420 });
    await page.goto("/audit");
    const { scrollHeight, innerHeight } = await page.evaluate(() => ({
      scrollHeight: document.documentElement.scrollHeight,
      innerHeight: window.innerHeight,
    }));
    expect(scrollHeight, "the audit page is longer than the window").toBeGreaterThan(innerHeight + 100);
    const sidebar = page.locator("aside").filter({ has: page.getByRole("navigation", { name: "Main" }) });
    const box = await sidebar.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(scrollHeight - 1);
    // And its navigation stays in view while scrolling.
    await page.mouse.wheel(0, scrollHeight);
    await expect(sidebar.getByRole("navigation", { name: "Main" })).toBeInViewport();
  });
});
