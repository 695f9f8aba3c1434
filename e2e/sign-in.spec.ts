import { expect, test, uniqueSlug } from "./fixtures";
import { magicLink } from "./support/sign-in";

/**
 * Sign-in by magic link, the way a person does it: ask for a link, read it from the
 * development mailbox, open it. Covers a member of an existing team, a first-time user who
 * creates a team, single-use links, and sign-out deleting the session.
 */

test("a team member signs in with a magic link and lands in their team", async ({ page, team, mailbox, saveScreenshot }) => {
  const email = team.owner.email;
  await page.goto("/runs");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fruns/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();

  await page.getByLabel("Work email").fill(email);
  await page.getByRole("button", { name: /sign-in link/i }).click();
  await expect(page).toHaveURL(/\/verify/);
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect(page.getByText(email, { exact: true })).toBeVisible();

  const mail = await mailbox.waitFor(email, { subject: /sign in/i });
  expect(mail.html).toContain("Sign in");
  await page.goto(magicLink(mail.text));

  await expect(page).toHaveURL(/\/runs$/);
  await expect(page.getByRole("button", { name: new RegExp(`Current team: ${team.team.slug}`) }).first()).toBeVisible();
  await saveScreenshot("sign-in-member");

  const session = await page.evaluate(async () => (await fetch("/api/auth/session")).json());
  expect(session.user.email).toBe(email);
});

test("a new user creates a team on first sign-in and signs out again", async ({ page, mailbox, db }) => {
  const email = `${uniqueSlug("new")}@example.test`;
  await page.goto("/sign-in");
  await page.getByLabel("Work email").fill(email);
  await page.getByRole("button", { name: /sign-in link/i }).click();
  await expect(page).toHaveURL(/\/verify/);
  await page.goto(magicLink((await mailbox.waitFor(email, { subject: /sign in/i })).text));

  await expect(page).toHaveURL(/\/onboarding/);
  const slug = uniqueSlug("team");
  await page.getByLabel("Team name").fill("Onboarding Test");
  await page.getByLabel("URL name").fill(slug);
  await page.getByRole("button", { name: "Create team" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("button", { name: /Current team: Onboarding Test/ }).first()).toBeVisible();

  const { rows } = await db.query<{ role: string }>(
    `select m.role from memberships m join users u on u.id = m.user_id join teams t on t.id = m.team_id
      where u.email = $1 and t.slug = $2`,
    [email, slug],
  );
  expect(rows).toEqual([{ role: "owner" }]);

  const token = (await page.context().cookies()).find((c) => c.name.endsWith("authjs.session-token"))!.value;
  // Retried: a click that lands before hydration does not open the menu.
  await expect(async () => {
    await page
      .getByRole("button", { name: /^Account menu/ })
      .first()
      .click();
    await expect(page.getByRole("menuitem", { name: "Sign out" })).toBeVisible({ timeout: 2_000 });
  }).toPass();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  const left = await db.query(`select 1 from sessions where session_token = $1`, [token]);
  expect(left.rowCount).toBe(0);

  await page.goto("/settings");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("a magic link works once", async ({ page, team, mailbox }) => {
  const email = team.owner.email;
  await page.goto("/sign-in");
  await page.getByLabel("Work email").fill(email);
  await page.getByRole("button", { name: /sign-in link/i }).click();
  await expect(page).toHaveURL(/\/verify/);
  const link = magicLink((await mailbox.waitFor(email, { subject: /sign in/i })).text);

  await page.goto(link);
  await expect(page.getByRole("navigation", { name: "Main" }).first()).toBeVisible();

  await page.context().clearCookies();
  await page.goto(link);
  await expect(page).toHaveURL(/\/auth-error\?error=Verification/);
  await expect(page.getByRole("heading", { name: /no longer works/ })).toBeVisible();
});

test("a malformed address is refused on the form", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Work email").fill("not-an-email");
  await page.getByRole("button", { name: /sign-in link/i }).click();
  await expect(page.locator("#email-error")).toContainText("valid email");
  await expect(page).toHaveURL(/\/sign-in/);
});
