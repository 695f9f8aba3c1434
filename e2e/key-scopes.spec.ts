import { expect, test } from "./fixtures";
import { signIn, signedInPage } from "./support/sign-in";
import { pendingTasks, startRun } from "./task-page/helpers";

/**
 * Key scopes in the dashboard (API.md v1.1): only owners grant `decide`; an admin's keys ask but
 * never answer; the key list shows each key's scopes; a key with `decide` decides, and the
 * agent's own key (which started the run) is refused by separation of duties.
 */
test("only owners create keys with decide; the list shows scopes; the agent's key never decides", async ({
  page,
  browser,
  baseURL,
  api,
  team,
  mailbox,
  cli,
}) => {
  test.setTimeout(300_000);
  const admin = `admin-${team.team.slug}@example.test`;
  await cli(["member:add", "--team", team.team.slug, "--email", admin, "--role", "admin"]);

  const createKey = async (p: typeof page, name: string, withDecide: boolean) => {
    await p.goto("/settings/api-keys");
    await p.getByRole("button", { name: "New key" }).click();
    const dialog = p.getByRole("dialog", { name: "New API key" });
    await dialog.getByLabel("Name").fill(name);
    const decide = dialog.getByRole("checkbox", { name: "decide" });
    if (withDecide) await decide.check();
    await dialog.getByRole("button", { name: "Create key" }).click();
    const shown = p.getByRole("dialog", { name });
    const key = await shown.getByLabel("API key").inputValue();
    await shown.getByRole("button", { name: "Done" }).click();
    return key;
  };

  await test.step("an admin cannot grant decide; the admin's key lists runs and tasks only", async () => {
    const { context, page: adminPage } = await signedInPage(browser, { email: admin, mailbox, baseURL: baseURL! });
    await adminPage.goto("/settings/api-keys");
    await adminPage.getByRole("button", { name: "New key" }).click();
    const dialog = adminPage.getByRole("dialog", { name: "New API key" });
    await expect(dialog.getByRole("checkbox", { name: "decide" })).toBeDisabled();
    await expect(dialog.getByText("only owners may grant it")).toBeVisible();
    await adminPage.keyboard.press("Escape");
    await createKey(adminPage, "admin-agent", false);
    await expect(adminPage.getByRole("list", { name: "Scopes of admin-agent" }).getByRole("listitem")).toHaveText(["runs", "tasks"]);
    await context.close();
  });

  await test.step("an owner grants decide: that key decides, the agent's key is refused", async () => {
    await signIn(page, { email: team.owner.email, mailbox });
    const reviewerKey = await createKey(page, "owner-reviewer", true);
    await expect(page.getByRole("list", { name: "Scopes of owner-reviewer" }).getByRole("listitem")).toHaveText([
      "runs",
      "tasks",
      "decide",
    ]);

    const runId = await startRun(api, "refund", {
      orderId: "ORD-77",
      amount: 90,
      currency: "USD",
      reason: "Late",
      customerEmail: "a@example.com",
    });
    const [task] = await pendingTasks(api, runId);
    const asAgent = await page.request.post(`/api/v1/tasks/${task!.id}/resume`, {
      headers: { authorization: `Bearer ${team.apiKey}` },
      data: { action: "approve" },
    });
    expect(asAgent.status()).toBe(403);
    const asReviewer = await page.request.post(`/api/v1/tasks/${task!.id}/resume`, {
      headers: { authorization: `Bearer ${reviewerKey}` },
      data: { action: "approve" },
    });
    expect(asReviewer.status()).toBe(200);
  });
});
