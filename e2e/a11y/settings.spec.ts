import { expect, test, uniqueSlug } from "../fixtures";
import { expectNoA11yViolationsInThemes } from "../support/a11y";
import { signIn } from "../support/sign-in";

/**
 * axe-core (WCAG 2.1 A/AA) in both themes on each settings page and its dialogs and menus:
 * members (invite, member actions, queue access, remove), queues (new queue), API keys (new key,
 * the key shown once, revoke) and notifications. Zero serious or critical violations.
 */
test("settings pages and their dialogs", async ({ page, cli, team, mailbox }) => {
  test.setTimeout(360_000);
  const reviewer = `${uniqueSlug("reviewer")}@example.test`;
  await cli(["member:add", "--team", team.team.slug, "--email", reviewer, "--role", "reviewer", "--queues", "support"]);
  await signIn(page, { email: team.owner.email, mailbox, callbackPath: "/settings/members" });

  await test.step("members, invite dialog and an open invitation", async () => {
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoA11yViolationsInThemes(page, { context: "settings, members" });
    await page.getByRole("button", { name: "Invite" }).click();
    const dialog = page.getByRole("dialog", { name: "Invite a teammate" });
    await expect(dialog).toBeVisible();
    await expectNoA11yViolationsInThemes(page, { context: "settings, invite dialog" });
    await dialog.getByLabel(/Email/).fill(`${uniqueSlug("invited")}@example.test`);
    await dialog.getByRole("button", { name: /^(Send )?invit/i }).click();
    await expect(dialog).toHaveCount(0);
    await expectNoA11yViolationsInThemes(page, { context: "settings, members with an invitation" });
  });

  await test.step("member actions, queue access and remove", async () => {
    await page.getByRole("button", { name: `Actions for ${reviewer}` }).click();
    await expect(page.getByRole("menu")).toBeVisible();
    await expectNoA11yViolationsInThemes(page, { context: "settings, member actions menu" });
    await page.getByRole("menuitem", { name: /Queue access/ }).click();
    await expect(page.getByRole("dialog", { name: "Queue access" })).toBeVisible();
    await expectNoA11yViolationsInThemes(page, { context: "settings, queue access dialog" });
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: `Actions for ${reviewer}` }).click();
    await page.getByRole("menuitem", { name: /Remove from team/ }).click();
    await expect(page.getByRole("alertdialog")).toBeVisible();
    await expectNoA11yViolationsInThemes(page, { context: "settings, remove member confirmation" });
    await page.keyboard.press("Escape");
  });

  await test.step("queues and the new-queue dialog", async () => {
    await page.goto("/settings/queues");
    await expectNoA11yViolationsInThemes(page, { context: "settings, queues" });
    await page.getByRole("button", { name: "New queue" }).click();
    await expect(page.getByRole("dialog", { name: "New queue" })).toBeVisible();
    await expectNoA11yViolationsInThemes(page, { context: "settings, new queue dialog" });
    await page.keyboard.press("Escape");
  });

  await test.step("API keys: new key, the key shown once, revoke", async () => {
    await page.goto("/settings/api-keys");
    await expectNoA11yViolationsInThemes(page, { context: "settings, API keys" });
    await page.getByRole("button", { name: "New key" }).click();
    const dialog = page.getByRole("dialog", { name: "New API key" });
    await expect(dialog).toBeVisible();
    await expectNoA11yViolationsInThemes(page, { context: "settings, new API key dialog" });
    await dialog.getByLabel(/Name/).fill("a11y-agent");
    await dialog.getByRole("button", { name: "Create key" }).click();
    await expect(page.getByRole("dialog", { name: "a11y-agent" })).toBeVisible();
    await expectNoA11yViolationsInThemes(page, { context: "settings, API key shown once" });
    await page.getByRole("button", { name: "Done" }).click();
    await page
      .getByRole("row", { name: /a11y-agent/ })
      .getByRole("button", { name: "Revoke" })
      .click();
    await expect(page.getByRole("alertdialog")).toBeVisible();
    await expectNoA11yViolationsInThemes(page, { context: "settings, revoke key confirmation" });
    await page.keyboard.press("Escape");
  });

  await test.step("webhooks: the signing secret revealed, the rotate confirmation", async () => {
    await page.goto("/settings/webhooks");
    await expect(page.getByRole("heading", { name: "Webhooks" })).toBeVisible();
    await expectNoA11yViolationsInThemes(page, { context: "settings, webhooks" });
    await page.getByRole("button", { name: "Reveal" }).click();
    await expect(page.getByTestId("webhook-secret")).toHaveText(/^whsec_/);
    await expectNoA11yViolationsInThemes(page, { context: "settings, webhook secret revealed" });
    await page.getByRole("button", { name: "Rotate" }).click();
    await expect(page.getByRole("alertdialog")).toBeVisible();
    await expectNoA11yViolationsInThemes(page, { context: "settings, rotate webhook secret confirmation" });
    await page.keyboard.press("Escape");
  });

  await test.step("notifications", async () => {
    await page.goto("/settings/notifications");
    await expect(page.getByRole("radio", { name: "Immediately" })).toBeChecked();
    await expect(page.getByLabel("Digest interval")).toBeDisabled();
    await expectNoA11yViolationsInThemes(page, { context: "settings, notifications" });
    // Choose a daily digest, save, and find it chosen after a reload.
    await page.getByRole("radio", { name: "Digest" }).check();
    await page.getByLabel("Digest interval").selectOption({ label: "Once a day" });
    await page.getByRole("button", { name: "Save preferences" }).click();
    await expect(page.getByText("Notification preferences saved")).toBeVisible();
    await page.reload();
    await expect(page.getByRole("radio", { name: "Digest" })).toBeChecked();
    await expect(page.getByLabel("Digest interval")).toHaveValue("1440");
    await expectNoA11yViolationsInThemes(page, { context: "settings, notifications (digest)" });
    // The email preview route exists in development only.
    expect((await page.goto("/dev/emails"))?.status()).toBe(404);
  });
});
