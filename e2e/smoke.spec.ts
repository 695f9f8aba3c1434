import { expect, test } from "./fixtures";

test("the health check reports the database as reachable", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ status: "ok", database: "ok" });
});

test("the home page renders without errors", async ({ page, saveScreenshot }) => {
  const errors: string[] = [];
  page.on("pageerror", (err) => errors.push(err.message));

  const res = await page.goto("/");
  expect(res?.status()).toBeLessThan(400);
  await expect(page).toHaveTitle(/AgentControlLayer/);
  await expect(page.locator("body")).toContainText(/AgentControlLayer/i);
  await saveScreenshot("home");
  expect(errors).toEqual([]);
});

test("an API key from the CLI authenticates against the API; no key is a 401", async ({ api, team, request }) => {
  expect(team.apiKey).toMatch(/^acl_live_/);
  const res = await api.get("/api/v1/workflows");
  expect(res.status()).toBe(200);
  const { items } = (await res.json()) as { items: Array<{ id: string }> };
  expect(items.map((w) => w.id)).toEqual(expect.arrayContaining(["email-outreach", "refund", "support-triage", "content-draft"]));
  const anonymous = await request.get("/api/v1/workflows");
  expect(anonymous.status()).toBe(401);
  expect(await anonymous.json()).toMatchObject({ error: { code: "unauthenticated" } });
  const revokedKey = await request.get("/api/v1/workflows", { headers: { authorization: "Bearer acl_live_not_a_real_key" } });
  expect(revokedKey.status()).toBe(401);
});
