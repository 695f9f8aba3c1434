import { expect, test, uniqueSlug } from "./fixtures";
import { signIn, signedInPage } from "./support/sign-in";

/**
 * Settings as a team owner uses them: an invitation accepted through a real sign-in (the invitee
 * lands in the team with the invited role), an API key shown exactly once and working, and
 * switching between two teams.
 */
test("invitation accepted by signing in; a key shown once that works; switching teams", async ({
  page,
  browser,
  baseURL,
  cli,
  team,
  mailbox,
}) => {
  test.setTimeout(480_000);
  await signIn(page, { email: team.owner.email, mailbox, callbackPath: "/settings/members" });

  await test.step("the invitee gets an email, signs in and is a reviewer of the team", async () => {
    const invitee = `${uniqueSlug("invitee")}@example.test`;
    await page.getByRole("button", { name: "Invite" }).click();
    const dialog = page.getByRole("dialog", { name: "Invite a teammate" });
    await dialog.getByLabel("Email").fill(invitee);
    await dialog.getByRole("button", { name: /^(Send )?invit/i }).click();
    await expect(page.getByText(`Invitation sent to ${invitee}`)).toBeVisible();
    const invitation = await mailbox.waitFor(invitee, { subject: /invited to/ });
    expect(invitation.text).toContain("as reviewer");
    await expect(page.getByText(invitee).first()).toBeVisible(); // listed as pending

    const { context, page: theirs } = await signedInPage(browser, { email: invitee, mailbox, baseURL: baseURL! });
    await expect(theirs.getByRole("button", { name: new RegExp(`Current team: .*your role: reviewer`) })).toBeVisible();
    await theirs.goto("/settings/members");
    await expect(theirs.getByText(invitee).first()).toBeVisible();
    await context.close();
    await page.reload();
    await expect(page.getByRole("button", { name: `Actions for ${invitee}` })).toBeVisible();
  });

  await test.step("a new API key is shown once, works, and is never shown again", async () => {
    await page.goto("/settings/api-keys");
    await page.getByRole("button", { name: "New key" }).click();
    const dialog = page.getByRole("dialog", { name: "New API key" });
    await dialog.getByLabel("Name").fill("ci-agent");
    await dialog.getByRole("button", { name: "Create key" }).click();
    const shown = page.getByRole("dialog", { name: "ci-agent" });
    const key = await shown.getByLabel("API key").inputValue();
    expect(key).toMatch(/^acl_live_\S{20,}$/);
    const res = await page.request.get("/api/v1/workflows", { headers: { authorization: `Bearer ${key}` } });
    expect(res.status()).toBe(200);
    await shown.getByRole("button", { name: "Done" }).click();
    await expect(page.getByRole("row", { name: /ci-agent/ })).toBeVisible();
    await page.reload();
    await expect(page.getByRole("row", { name: /ci-agent/ })).toBeVisible();
    expect(await page.content()).not.toContain(key);
  });

  await test.step("an owner of two teams switches between them", async () => {
    const second = uniqueSlug("second");
    await cli(["team:create", "--slug", second, "--owner", team.owner.email, "--name", `Second ${second}`]);
    await page.goto("/");
    await page.getByRole("button", { name: new RegExp(`Current team: ${team.team.slug}`) }).click();
    await page.getByRole("menuitem", { name: `Second ${second}` }).click();
    await expect(page.getByRole("button", { name: new RegExp(`Current team: Second ${second}.*your role: owner`) })).toBeVisible();
    await page.goto("/settings/api-keys");
    await expect(page.getByRole("row", { name: /ci-agent/ })).toHaveCount(0); // the first team's key is not here
  });
});
