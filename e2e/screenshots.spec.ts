import { expect, test } from "./fixtures";
import { signIn } from "./support/sign-in";

type Seeded = { runs: Array<{ id: string; workflow: string; status: string }> };

/**
 * Full-page screenshots of the main pages after `demo:seed`, in light and dark mode and on a
 * phone, saved to e2e/screenshots/ for review. Pages are only required to answer without an
 * error boundary: what they show is each page's own spec's business.
 */
test("main pages in light, dark and phone layouts after demo:seed", async ({ page, api, cli, team, mailbox, saveScreenshot }) => {
  test.setTimeout(420_000);
  const seeded = await cli<Seeded>(["demo:seed", "--team", team.team.slug]);
  const outreach = seeded.runs.find((r) => r.workflow === "email-outreach" && r.status === "waiting");
  expect(outreach, JSON.stringify(seeded)).toBeTruthy();

  // A little history: one edit (feedback + audit) and one approval, decided by the team's agent key.
  const { items } = (await (await api.get(`/api/v1/tasks?runId=${outreach!.id}&status=pending&limit=3`)).json()) as {
    items: Array<{ id: string; payload: Record<string, unknown> }>;
  };
  const [edited, approved, open] = items;
  for (const [task, body] of [
    [edited, { action: "edit", payload: { ...edited!.payload, subject: `${String(edited!.payload.subject)} (quick question)` } }],
    [approved, { action: "approve" }],
  ] as const) {
    expect((await api.post(`/api/v1/tasks/${task!.id}/resume`, { data: body })).status()).toBe(200);
  }

  await signIn(page, { email: team.owner.email, mailbox });
  const pages: Array<[string, string]> = [
    ["home", "/"],
    ["queue", "/queues/outreach"],
    ["task", `/tasks/${open!.id}`],
    ["runs", "/runs"],
    ["run", `/runs/${outreach!.id}`],
    ["audit", "/audit"],
    ["feedback", "/feedback"],
    ["workflows", "/workflows"],
    ["settings", "/settings"],
  ];
  const modes = [
    { name: "light", colorScheme: "light", viewport: { width: 1280, height: 800 } },
    { name: "dark", colorScheme: "dark", viewport: { width: 1280, height: 800 } },
    { name: "phone", colorScheme: "light", viewport: { width: 390, height: 844 } },
  ] as const;

  // Uncaught page errors are reported with the test, not failed on: other specs own those pages.
  page.on("pageerror", (err) => test.info().annotations.push({ type: "pageerror", description: `${page.url()}: ${err.message}` }));
  for (const mode of modes) {
    await page.emulateMedia({ colorScheme: mode.colorScheme });
    await page.setViewportSize(mode.viewport);
    for (const [name, path] of pages) {
      await test.step(`${name} (${mode.name})`, async () => {
        const res = await page.goto(path);
        expect(res?.status(), path).toBeLessThan(500);
        await expect(page.locator("main")).toBeVisible();
        // Let streamed parts (loading skeletons) settle before the capture; not an assertion.
        await page
          .locator('[aria-busy="true"]')
          .first()
          .waitFor({ state: "detached", timeout: 15_000 })
          .catch(() => {});
        await expect(page.getByText("This page could not be loaded")).toHaveCount(0);
        await expect(page.getByText(/Application error: a (client|server)-side exception/)).toHaveCount(0);
        await saveScreenshot(`${name}-${mode.name}`);
      });
    }
  }
});
