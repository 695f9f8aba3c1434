import { expect, test, uniqueSlug, type TeamFixture } from "./fixtures";
import { signIn } from "./support/sign-in";
import { pendingTasks, startRun } from "./task-page/helpers";

/**
 * Unknown ids answer HTTP 404 with the not-found page (no soft 404: the existence check runs before
 * any loading boundary streams a 200), on a full page load and on client-side navigation.
 */
test("unknown task, run, audit event, workflow and queue ids answer 404 with the not-found page", async ({
  page,
  api,
  cli,
  team,
  mailbox,
  playwright,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const runId = await startRun(api, "refund", {
    orderId: "ORD-404",
    amount: 120,
    currency: "USD",
    reason: "Test",
    customerEmail: "a@example.com",
  });
  const [task] = await pendingTasks(api, runId);
  await signIn(page, { email: team.owner.email, mailbox });

  const missing: Array<[string, RegExp]> = [
    ["/tasks/task_01doesnotexist0000000000000", /Task not found/],
    ["/runs/run_01doesnotexist00000000000000", /Not found in this team/],
    ["/audit/aud_01doesnotexist00000000000000", /Not found in this team/],
    ["/workflows/no-such-workflow", /Not found in this team/],
    ["/workflows/no-such-workflow/playground", /Not found in this team/],
    ["/queues/no-such-queue", /Not found in this team/],
  ];
  for (const [path, heading] of missing) {
    await test.step(path, async () => {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { name: heading })).toBeVisible();
      await expect(page.getByRole("navigation", { name: "Main" }).first()).toBeVisible(); // inside the dashboard
    });
  }

  await test.step("existing ids still answer 200", async () => {
    for (const path of [`/tasks/${task!.id}`, `/runs/${runId}`, `/queues/${task!.queue}`, "/workflows/refund"]) {
      expect((await page.goto(path))?.status(), path).toBe(200);
      await expect(page.getByRole("heading", { level: 1 }).first()).not.toHaveText(/not found/i);
    }
  });

  await test.step("another team's task and run are 404s too", async () => {
    const other = await cli<TeamFixture>(["team:create", "--slug", uniqueSlug("other"), "--owner", `${uniqueSlug("other")}@example.test`]);
    const otherApi = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { authorization: `Bearer ${other.apiKey}`, "content-type": "application/json" },
    });
    const otherRun = await startRun(otherApi, "refund", {
      orderId: "ORD-405",
      amount: 150,
      currency: "USD",
      reason: "Test",
      customerEmail: "b@example.com",
    });
    const [otherTask] = await pendingTasks(otherApi, otherRun);
    await otherApi.dispose();
    for (const path of [`/tasks/${otherTask!.id}`, `/runs/${otherRun}`]) {
      expect((await page.goto(path))?.status(), path).toBe(404);
    }
  });
});
