import { expect, test, uniqueSlug } from "../fixtures";
import { expectNoA11yViolations, expectNoA11yViolationsInThemes } from "../support/a11y";
import { magicLink, signIn } from "../support/sign-in";
import { pendingTasks, startRun } from "../task-page/helpers";

/**
 * axe-core (WCAG 2.1 A/AA) in both themes on the signed-out pages (sign-in, check your email,
 * auth error), onboarding, the not-found pages, and the dashboard on a phone-sized viewport with
 * the navigation sheet open. Zero serious or critical violations (see e2e/support/a11y.ts).
 */

test("sign-in, verify, auth error, onboarding and not-found pages", async ({ page, mailbox }) => {
  test.setTimeout(240_000);
  const email = `${uniqueSlug("a11y")}@example.test`;

  await test.step("sign-in, with the validation error", async () => {
    await page.goto("/sign-in");
    await expectNoA11yViolationsInThemes(page, { context: "sign-in" });
    await page.getByLabel("Work email").fill("not-an-email");
    await page.getByRole("button", { name: /sign-in link/i }).click();
    await expectNoA11yViolationsInThemes(page, { context: "sign-in, invalid email" });
  });

  await test.step("check your email", async () => {
    await page.goto("/sign-in");
    await page.getByLabel("Work email").fill(email);
    await page.getByRole("button", { name: /sign-in link/i }).click();
    await page.waitForURL(/\/verify/);
    await expectNoA11yViolationsInThemes(page, { context: "verify" });
  });

  await test.step("auth error", async () => {
    await page.goto("/auth-error?error=Verification");
    await expectNoA11yViolationsInThemes(page, { context: "auth error" });
  });

  await test.step("onboarding", async () => {
    await page.goto(magicLink((await mailbox.waitFor(email, { subject: /sign in/i })).text));
    await expect(page).toHaveURL(/\/onboarding/);
    await expectNoA11yViolationsInThemes(page, { context: "onboarding" });
    await page.getByLabel("URL name").fill("-");
    await page.getByRole("button", { name: "Create team" }).click();
    await expectNoA11yViolationsInThemes(page, { context: "onboarding, invalid input" });
    await page.getByLabel("Team name").fill("Accessible Team");
    await page.getByLabel("URL name").fill(uniqueSlug("a11y-team"));
    await page.getByRole("button", { name: "Create team" }).click();
    await expect(page).toHaveURL(/\/$/);
  });

  await test.step("not-found pages", async () => {
    await page.goto("/tasks/task_does_not_exist");
    await expect(page.getByRole("heading", { name: "Task not found" })).toBeVisible();
    await expectNoA11yViolationsInThemes(page, { context: "task not found" });
    await page.goto("/no/such/page");
    await expect(page.getByRole("heading", { name: /not found/i })).toBeVisible();
    await expectNoA11yViolationsInThemes(page, { context: "page not found" });
  });
});

test("the dashboard on a phone, with the navigation sheet", async ({ page, api, team, mailbox }) => {
  test.setTimeout(360_000);
  const runId = await startRun(api, "refund", {
    orderId: "ORD-1042",
    amount: 129.5,
    currency: "USD",
    reason: "Arrived damaged",
    customerEmail: "sam@example.com",
  });
  const [task] = await pendingTasks(api, runId);
  await signIn(page, { email: team.owner.email, mailbox });
  await page.setViewportSize({ width: 390, height: 844 });

  const pages: Array<[string, string]> = [
    ["home", "/"],
    ["queue", `/queues/${task!.queue}`],
    ["task", `/tasks/${task!.id}`],
    ["runs", "/runs"],
    ["run", `/runs/${runId}`],
    ["audit", "/audit"],
    ["workflows", "/workflows"],
    ["start-run form", "/workflows/refund"],
    ["feedback", "/feedback"],
    ["settings", "/settings/members"],
  ];
  for (const [name, path] of pages) {
    await test.step(name, async () => {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
      // Colours are checked in both themes on the desktop pages; here the layout, in the light theme.
      await expectNoA11yViolations(page, { context: `phone, ${name}` });
    });
  }

  await test.step("navigation sheet", async () => {
    await page.goto("/");
    await page.getByRole("button", { name: "Open navigation" }).click();
    await expect(page.getByRole("dialog", { name: "Navigation" })).toBeVisible();
    await expectNoA11yViolationsInThemes(page, { context: "phone, navigation sheet" });
  });
});
