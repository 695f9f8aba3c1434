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

test("an API key from the CLI authenticates against the API", async ({ api, team }) => {
  expect(team.apiKey).toMatch(/^acl_live_/);
  const res = await api.get("/api/v1/workflows");
  // Until the workflows route exists this is 404; it must never be a 401 for a valid key.
  expect(res.status()).not.toBe(401);
});
