import { expect, test } from "../fixtures";
import { signedInPage, signIn } from "../support/sign-in";
import { pendingTasks, startRun } from "../task-page/helpers";

test("the run page follows a run until it waits, and cancels it behind a confirmation (a second cancel is a conflict)", async ({
  page,
  browser,
  baseURL,
  api,
  team,
  mailbox,
  saveScreenshot,
}) => {
  test.setTimeout(180_000);
  await signIn(page, { email: team.owner.email, mailbox });
  await page.goto("/runs");
  await expect(page.getByRole("heading", { level: 1, name: "Runs" })).toBeVisible();

  const leads = Array.from({ length: 30 }, (_, i) => ({ name: `Lead ${i}`, email: `lead${i}@example.com`, company: "Acme" }));
  const runId = await startRun(api, "email-outreach", { leads });
  await page.goto(`/runs/${runId}`);
  const status = page.locator("h1 + [data-status]");
  // Whatever it showed first, it moves to "waiting" by itself (no reload).
  await expect(status).toHaveAttribute("data-status", "waiting", { timeout: 60_000 });
  await expect(page.getByRole("region", { name: /^Reviews/ })).toContainText("30 pending");
  // The drafts run in parallel in the parent; then it pauses on its fan-out (one child run per draft).
  await expect(page.getByRole("list", { name: "Run timeline" })).toContainText("draft ×30");
  await expect(page.getByRole("list", { name: "Run timeline" })).toContainText("Paused at 1 interrupt");
  await saveScreenshot("run-waiting");

  await test.step("the list filters by status and workflow", async () => {
    await page.goto("/runs?status=waiting&workflow=email-outreach");
    await expect(page.getByRole("link", { name: /Waiting for review\s*Email outreach/ })).toHaveCount(1);
    await page.goto("/runs?status=completed");
    await expect(page.getByText("No runs match these filters")).toBeVisible();
  });

  // A second reviewer has the same run open.
  const other = await signedInPage(browser, { email: team.owner.email, mailbox, baseURL: baseURL! });
  await other.page.goto(`/runs/${runId}`);
  await expect(other.page.getByRole("button", { name: "Cancel run" })).toBeVisible();

  await test.step("cancel asks first, then cancels the run and its pending reviews", async () => {
    await page.goto(`/runs/${runId}`);
    await page.getByRole("button", { name: "Cancel run" }).click();
    const dialog = page.getByRole("alertdialog", { name: "Cancel this run?" });
    await expect(dialog).toContainText("30 pending reviews will be cancelled");
    await saveScreenshot("run-cancel-dialog");
    await dialog.getByRole("button", { name: "Cancel run" }).click();
    await expect(page.getByText("Run cancelled.")).toBeVisible();
    await expect(status).toHaveAttribute("data-status", "cancelled");
    await expect(page.getByRole("button", { name: "Cancel run" })).toHaveCount(0);
    expect((await (await api.get(`/api/v1/runs/${runId}`)).json()).status).toBe("cancelled");
    expect(await pendingTasks(api, runId, 0)).toEqual([]);
  });

  await test.step("the second reviewer's cancel is refused with a toast and the page shows the real status", async () => {
    await other.page.getByRole("button", { name: "Cancel run" }).click();
    await other.page.getByRole("alertdialog").getByRole("button", { name: "Cancel run" }).click();
    await expect(other.page.getByText(/already cancelled and cannot be cancelled/)).toBeVisible();
    await expect(other.page.locator("h1 + [data-status]")).toHaveAttribute("data-status", "cancelled");
  });
  await other.context.close();
});
