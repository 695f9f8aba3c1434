import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { expectNoA11yViolations } from "./support/a11y";
import { signIn } from "./support/sign-in";

/**
 * An agent is not trusted: whatever it puts in a task's title, description, question or payload
 * must render as inert text for the reviewer. Every vector below tries to set window.__pwned or
 * open a dialog; the task page, the queue page and the notification email must do neither, and
 * must hold no javascript:/data: link and no SVG or image taken from the payload.
 */
const SET = "window.__pwned=1;alert(1)";
const VECTORS = {
  script: `<script>${SET}</script>`,
  img: `<img id="pwn-img" src=x onerror="${SET}">`,
  svg: `<svg id="pwn-svg" xmlns="http://www.w3.org/2000/svg" onload="${SET}"><script>${SET}</script></svg>`,
  jsUrl: `javascript:${SET}`,
  dataUrl: `data:text/html;base64,${Buffer.from(`<script>${SET}</script>`).toString("base64")}`,
  markdownLinks: `[click me](javascript:${SET}) and [open](data:text/html,<script>${SET}</script>) and ![x](javascript:${SET})`,
  iframe: `<iframe id="pwn-frame" src="javascript:${SET}"></iframe>`,
};
const ALL = Object.values(VECTORS).join("\n");

// The team fixture (two CLI calls) and axe are slow on a loaded machine.
test.describe.configure({ timeout: 420_000 });

async function watch(page: Page) {
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error" && /pwn|alert|Refused to|Content Security Policy|javascript:/i.test(m.text())) errors.push(m.text());
  });
  return { dialogs, errors };
}

async function expectInert(page: Page, seen: { dialogs: string[]; errors: string[] }, where: string) {
  await page.waitForTimeout(500); // an onerror/onload would have fired by now
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), `${where}: window.__pwned`).toBeUndefined();
  expect(seen.dialogs, `${where}: dialogs`).toEqual([]);
  expect(seen.errors, `${where}: script errors`).toEqual([]);
  expect(await page.locator('a[href^="javascript:" i], a[href^="data:" i]').count(), `${where}: javascript:/data: links`).toBe(0);
  expect(await page.locator('[src^="javascript:" i], [src^="data:text" i], iframe').count(), `${where}: script sources`).toBe(0);
  expect(await page.locator("#pwn-svg, #pwn-img, #pwn-frame, img[src='x']").count(), `${where}: elements from the payload`).toBe(0);
  expect(await page.locator("[onerror], [onload]").count(), `${where}: inline handlers`).toBe(0);
}

test("hostile agent payloads render inert on the task page, the queue page and in the notification email", async ({
  page,
  api,
  team,
  mailbox,
}) => {
  const created = await api.post("/api/v1/tasks", {
    data: {
      kind: "approval",
      queue: "support",
      title: `Refund ${VECTORS.script}${VECTORS.img}`,
      description: `${VECTORS.markdownLinks}\n\n${VECTORS.svg}\n\n${VECTORS.iframe}`,
      payload: {
        ...VECTORS,
        link: VECTORS.jsUrl,
        url: VECTORS.dataUrl,
        nested: { html: ALL, list: [VECTORS.svg, VECTORS.jsUrl] },
        [VECTORS.img]: "a hostile key",
      },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const task = (await created.json()) as { id: string };
  const question = await api.post("/api/v1/tasks", {
    data: { kind: "clarification", queue: "support", title: VECTORS.svg, question: `${VECTORS.markdownLinks} ${VECTORS.img}`, payload: {} },
  });
  expect(question.status(), await question.text()).toBe(201);
  const clarification = (await question.json()) as { id: string };

  // A payload with `markdown` is rendered by the markdown renderer (components/payload): its links too.
  const md = await api.post("/api/v1/tasks", {
    data: {
      kind: "review",
      queue: "support",
      title: "Review the article",
      payload: {
        topic: VECTORS.script,
        markdown: `# Draft\n\n${VECTORS.markdownLinks}\n\n${VECTORS.svg}\n\n[fine](https://example.com/ok)`,
      },
    },
  });
  expect(md.status(), await md.text()).toBe(201);
  const markdown = (await md.json()) as { id: string };

  const seen = await watch(page);
  await signIn(page, { email: team.owner.email, mailbox });

  await test.step("task page (approval)", async () => {
    await page.goto(`/tasks/${task.id}`);
    await expect(page.getByText("a hostile key").first()).toBeVisible();
    await expectInert(page, seen, "task page");
    // Shown as the text the agent sent, not interpreted.
    await expect(page.getByText(/<script>window\.__pwned/).first()).toBeVisible();
    await expectNoA11yViolations(page, { context: "task page with a hostile payload" });
  });

  await test.step("task page (clarification)", async () => {
    await page.goto(`/tasks/${clarification.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("<svg");
    await expectInert(page, seen, "clarification page");
  });

  await test.step("task page (markdown payload)", async () => {
    await page.goto(`/tasks/${markdown.id}`);
    // The safe link is a link; the javascript:/data: ones stayed text.
    await expect(page.getByRole("link", { name: "fine" })).toHaveAttribute("href", "https://example.com/ok");
    await expect(page.getByText(/click me/).first()).toBeVisible();
    await expectInert(page, seen, "markdown task page");
  });

  await test.step("queue page", async () => {
    await page.goto("/queues/support");
    await expect(page.getByRole("list", { name: "Pending tasks in support" }).getByRole("listitem")).toHaveCount(3);
    await expectInert(page, seen, "queue page");
  });

  await test.step("notification email", async () => {
    const mail = await mailbox.waitFor(team.owner.email, { subject: /Review needed|new tasks in support/, timeoutMs: 30_000 });
    // Today the notification is text-only; a mail client shows it as text. Should HTML be added,
    // it must be just as inert: both are loaded as a page and checked.
    const asText = `<!doctype html><html lang="en"><title>mail</title><pre id="mail"></pre></html>`;
    await page.setContent(asText);
    await page.locator("#mail").evaluate((el, text) => (el.textContent = text), `${mail.subject}\n\n${mail.text}`);
    await expectInert(page, seen, "email (text)");
    if (mail.html) {
      await page.setContent(mail.html);
      await expectInert(page, seen, "email (html)");
    }
  });
});
