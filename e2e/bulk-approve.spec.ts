import { expect, test } from "./fixtures";
import { signIn } from "./support/sign-in";

/**
 * The seed case of the reviewer's dashboard: start email-outreach with 100 leads from the UI,
 * clear the outreach queue with one bulk approval, and every email leaves through the outbox.
 */
test("100 drafted emails: start from the UI, select all, bulk approve, 100 emails in the outbox", async ({
  page,
  api,
  team,
  mailbox,
  db,
  saveScreenshot,
}) => {
  test.setTimeout(300_000);
  await signIn(page, { email: team.owner.email, mailbox });

  // A second tab on the home page watches the queue fill up live (SSE), without a reload.
  const watcher = await page.context().newPage();
  await watcher.goto("/");
  await expect(watcher.getByText(/No queues yet|Nothing waiting for review/)).toBeVisible();
  await expect(watcher.getByText("Live", { exact: true })).toBeVisible();

  const runId = await test.step("start email-outreach with 100 generated leads", async () => {
    await page.goto("/workflows/email-outreach");
    await page.getByRole("button", { name: "Generate sample leads" }).click();
    await page.getByLabel("Number of leads").fill("100");
    await page.getByRole("button", { name: "Generate 100" }).click();
    await expect(page.getByText("100 items")).toBeVisible();
    await saveScreenshot("bulk-approve-1-start-run-form", page);
    await page.getByRole("button", { name: "Start run" }).click();
    const banner = page.getByRole("status").filter({ hasText: "started" });
    await expect(banner).toBeVisible({ timeout: 30_000 });
    const href = await banner.getByRole("link", { name: "Open run" }).getAttribute("href");
    return href!.split("/").pop()!;
  });

  await test.step("the run pauses with 100 drafts in the outreach queue", async () => {
    await expect
      .poll(
        async () => ((await (await api.get(`/api/v1/runs/${runId}?wait=10`)).json()) as { pendingTaskIds: string[] }).pendingTaskIds.length,
        {
          timeout: 90_000,
          intervals: [500],
        },
      )
      .toBe(100);
  });

  await test.step("the watching tab shows the new tasks without a reload", async () => {
    await expect(watcher.getByTestId("pending-outreach")).toHaveText("100", { timeout: 30_000 });
    await expect(watcher.getByRole("button", { name: /new tasks? arrived/ })).toBeVisible();
    await saveScreenshot("bulk-approve-2-home-live", watcher);
    await watcher.close();
  });

  await test.step("select all 100 on one page and approve them with the confirmation", async () => {
    await page.goto("/");
    await expect(page.getByTestId("pending-outreach")).toHaveText("100");
    await page.getByRole("link", { name: /outreach/ }).click();
    await page.getByRole("combobox", { name: "Per page" }).click();
    await page.getByRole("option", { name: "100", exact: true }).click();
    await expect(page).toHaveURL(/limit=100/, { timeout: 45_000 });
    const rows = page.getByRole("list", { name: "Pending tasks in outreach" }).getByRole("listitem");
    await expect(rows).toHaveCount(100, { timeout: 30_000 });
    await page.getByRole("checkbox", { name: "Select all on this page" }).click();
    await expect(page.getByText("100 of 100 selected")).toBeVisible();
    await page
      .getByRole("region", { name: "Bulk actions" })
      .getByRole("button", { name: /^Approve 100/ })
      .click();

    const dialog = page.getByRole("dialog", { name: "Approve 100 tasks?" });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId("decide-list").getByRole("listitem")).toHaveCount(100);
    await saveScreenshot("bulk-approve-3-confirm", page);
    const started = Date.now();
    await dialog.getByRole("button", { name: "Approve 100 tasks" }).click();
    await expect(page.getByText("100 approved")).toBeVisible({ timeout: 90_000 });
    console.log(`bulk approve of 100 tasks answered in ${Date.now() - started} ms`);
    await expect(page.getByText("This queue is clear")).toBeVisible({ timeout: 30_000 });
    await saveScreenshot("bulk-approve-4-queue-clear", page);
  });

  await test.step("the run completes and 100 outreach emails are in the outbox", async () => {
    await expect
      .poll(async () => ((await (await api.get(`/api/v1/runs/${runId}?wait=10`)).json()) as { status: string }).status, {
        timeout: 120_000,
        intervals: [500],
      })
      .toBe("completed");
    const run = (await (await api.get(`/api/v1/runs/${runId}`)).json()) as { output: { sent: unknown[]; rejected: unknown[] } };
    expect(run.output.sent).toHaveLength(100);
    expect(run.output.rejected).toHaveLength(0);
    const { rows } = await db.query<{ n: number; recipients: number }>(
      `select count(*)::int as n, count(distinct "to")::int as recipients from mail_messages where team_id = $1 and dedupe_key like $2`,
      [team.team.id, `email-outreach:${runId}:%`],
    );
    expect(rows[0]).toEqual({ n: 100, recipients: 100 });
  });
});
