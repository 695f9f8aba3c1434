import { expect, test } from "./fixtures";
import { signIn } from "./support/sign-in";

type Seeded = { runs: Array<{ id: string; workflow: string; status: string }> };

/**
 * Full-page screenshots of the main pages after `demo:seed`, in light and dark mode and on a
 * phone, saved to e2e/screenshots/ for review. Each page must answer 200 with its own heading
 * and the seeded data it is there to show, and without an uncaught error in the browser.
 */
test("main pages in light, dark and phone layouts after demo:seed", async ({ page, api, cli, team, mailbox, saveScreenshot }) => {
  test.setTimeout(420_000);
  const seeded = await cli<Seeded>(["demo:seed", "--team", team.team.slug]);
  const outreach = seeded.runs.find((r) => r.workflow === "email-outreach" && r.status === "waiting");
  expect(outreach, JSON.stringify(seeded)).toBeTruthy();

  // A little history: one edit (feedback + audit) and one approval, decided by the team's agent key.
  const { items } = (await (await api.get(`/api/v1/tasks?runId=${outreach!.id}&status=pending&limit=3`)).json()) as {
    items: Array<{ id: string; title: string; payload: Record<string, unknown> }>;
  };
  const [edited, approved, open] = items;
  for (const [task, body] of [
    [edited, { action: "edit", payload: { ...edited!.payload, subject: `${String(edited!.payload.subject)} (quick question)` } }],
    [approved, { action: "approve" }],
  ] as const) {
    expect((await api.post(`/api/v1/tasks/${task!.id}/resume`, { data: body })).status()).toBe(200);
  }

  const workflows = ((await (await api.get("/api/v1/workflows")).json()) as { items: Array<{ name: string }> }).items;
  expect(workflows.length).toBeGreaterThanOrEqual(4);

  await signIn(page, { email: team.owner.email, mailbox });
  // Per page: its path, its h1, and what of the seeded data it must show.
  const pages: Array<{ name: string; path: string; heading: RegExp; shows: () => Promise<void> }> = [
    {
      name: "home",
      path: "/",
      heading: /Your queues/,
      shows: () => expect(page.getByRole("link", { name: /outreach/ }).first()).toBeVisible(),
    },
    {
      name: "queue",
      path: "/queues/outreach",
      heading: /outreach/,
      shows: () => expect(page.getByRole("link", { name: open!.title })).toBeVisible(),
    },
    {
      name: "task",
      path: `/tasks/${open!.id}`,
      heading: new RegExp(escape(open!.title)),
      shows: () => expect(page.getByText(String(open!.payload.to)).first()).toBeVisible(),
    },
    {
      name: "runs",
      path: "/runs",
      heading: /^Runs$/,
      shows: () => expect(page.locator(`a[href="/runs/${outreach!.id}"]`).first()).toBeVisible(),
    },
    {
      name: "run",
      path: `/runs/${outreach!.id}`,
      heading: /./,
      shows: () => expect(page.getByRole("heading", { name: /Reviews/ })).toBeVisible(),
    },
    { name: "audit", path: "/audit", heading: /Audit history/, shows: () => expect(page.getByText(/edited/i).first()).toBeVisible() },
    {
      name: "feedback",
      path: "/feedback",
      heading: /^Feedback$/,
      shows: () => expect(page.getByText(/\(quick question\)/).first()).toBeVisible(),
    },
    {
      name: "workflows",
      path: "/workflows",
      heading: /^Workflows$/,
      shows: async () => {
        for (const w of workflows) await expect(page.getByText(w.name, { exact: true }).first()).toBeVisible();
      },
    },
    {
      name: "settings",
      path: "/settings",
      heading: /^Settings$/,
      shows: () => expect(page.getByRole("main").getByText(team.owner.email).first()).toBeVisible(),
    },
  ];
  const modes = [
    { name: "light", colorScheme: "light", viewport: { width: 1280, height: 800 } },
    { name: "dark", colorScheme: "dark", viewport: { width: 1280, height: 800 } },
    { name: "phone", colorScheme: "light", viewport: { width: 390, height: 844 } },
  ] as const;

  const pageErrors: string[] = [];
  page.on("pageerror", (err) => pageErrors.push(`${page.url()}: ${err.message}`));
  for (const mode of modes) {
    await page.emulateMedia({ colorScheme: mode.colorScheme });
    await page.setViewportSize(mode.viewport);
    for (const p of pages) {
      await test.step(`${p.name} (${mode.name})`, async () => {
        const res = await page.goto(p.path);
        expect(res?.status(), p.path).toBe(200);
        await expect(page.getByRole("heading", { level: 1, name: p.heading }).first()).toBeVisible();
        await p.shows();
        await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 15_000 });
        await expect(page.getByText("This page could not be loaded")).toHaveCount(0);
        await expect(page.getByText(/Application error: a (client|server)-side exception/)).toHaveCount(0);
        expect(pageErrors).toEqual([]);
        await saveScreenshot(`${p.name}-${mode.name}`);
      });
    }
  }
});

function escape(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
