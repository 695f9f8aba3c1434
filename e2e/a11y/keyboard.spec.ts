import type { Locator, Page } from "@playwright/test";
import { expect, test } from "../fixtures";
import { signIn } from "../support/sign-in";
import { pendingTasks, startRun } from "../task-page/helpers";

/**
 * A reviewer who uses only the keyboard clears a queue: Tab to the queue, move and select rows,
 * bulk-reject with a reason, approve one, open the last one and decide it on the task page. At
 * every step the focused element shows a visible focus indicator; dialogs keep focus inside and
 * hand it back to what opened them. No mouse event is used after signing in.
 */

/** Describes the focused element and whether it shows a focus indicator (outline, ring or underline). */
async function focusState(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { tag: "body", label: "", visible: false };
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0 && !/rgba\(.*,\s*0\)$/.test(s.outlineColor);
    const ring = s.boxShadow !== "none" && !/^(rgba\(0, 0, 0, 0\) 0px 0px 0px 0px,?\s*)+$/.test(s.boxShadow);
    const underline = s.textDecorationLine.includes("underline");
    const label = el.getAttribute("aria-label") ?? el.textContent?.trim().slice(0, 60) ?? "";
    return { tag: el.tagName.toLowerCase(), label, visible: el.matches(":focus-visible") && (outline || ring || underline) };
  });
}

async function expectFocusVisible(page: Page, where: string) {
  const state = await focusState(page);
  expect(state.visible, `focus indicator on <${state.tag}> "${state.label}" (${where})`).toBe(true);
}

/** Presses Tab until `target` has focus, checking the indicator on every stop. */
async function tabTo(page: Page, target: Locator, where: string, max = 40) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    await expectFocusVisible(page, `${where}, tab stop ${i + 1}`);
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`${where}: ${max} presses of Tab did not reach the target`);
}

/** Tabs around inside an open dialog (more stops than it has) and checks focus never leaves it. */
async function expectFocusTrapped(page: Page, dialog: Locator, where: string) {
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press(i % 3 === 2 ? "Shift+Tab" : "Tab");
    expect(await dialog.evaluate((d) => d.contains(document.activeElement)), `${where}: focus left the dialog`).toBe(true);
    await expectFocusVisible(page, `${where}, in the dialog`);
  }
}

test("a keyboard-only reviewer clears a queue", async ({ page, api, team, mailbox }) => {
  test.setTimeout(240_000);
  const runId = await startRun(api, "email-outreach", {
    product: "AgentControlLayer",
    leads: [
      { name: "Ada Lovelace", email: "ada@example.com", company: "Analytical" },
      { name: "Grace Hopper", email: "grace@example.com", company: "Navy" },
      { name: "Alan Turing", email: "alan@example.com", company: "Bletchley" },
      { name: "Edsger Dijkstra", email: "edsger@example.com", company: "Eindhoven" },
    ],
  });
  await pendingTasks(api, runId, 4);
  await signIn(page, { email: team.owner.email, mailbox });
  await page.goto("/");
  await expect(page.getByTestId("pending-outreach")).toHaveText("4");
  // The page is hydrated once the live stream is connected: from here on, only the keyboard.
  await expect(page.getByText("Live", { exact: true })).toBeVisible();

  const list = page.getByRole("list", { name: "Pending tasks in outreach" });
  const rows = list.getByRole("listitem");
  const focusedRow = list.locator("li[data-focused]");

  await test.step("skip link, then Tab to the queue and open it", async () => {
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
    await expectFocusVisible(page, "skip link");
    await page.keyboard.press("Enter");
    await tabTo(page, page.getByRole("link", { name: /outreach/ }).first(), "home");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/queues\/outreach$/);
    await expect(rows).toHaveCount(4);
  });

  await test.step("the shortcuts dialog traps focus and returns it to its button", async () => {
    const button = page.getByRole("button", { name: /Shortcuts/ });
    await tabTo(page, button, "queue header");
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect(dialog).toBeVisible();
    await expectFocusTrapped(page, dialog, "shortcuts dialog");
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
    await expect(button).toBeFocused();
    await expectFocusVisible(page, "back on the shortcuts button");
  });

  await test.step("move to the rows, select two with x and j, reject them with a reason", async () => {
    await tabTo(page, rows.first(), "to the first row");
    await page.keyboard.press("x");
    await page.keyboard.press("j");
    await expect(focusedRow).toHaveAttribute("data-task-id", (await rows.nth(1).getAttribute("data-task-id"))!);
    await expect(rows.nth(1)).toBeFocused();
    await expectFocusVisible(page, "second row");
    await page.keyboard.press("x");
    await expect(page.getByRole("region", { name: "Bulk actions" })).toContainText("2");
    const trigger = rows.nth(1);

    await page.keyboard.press("r");
    const dialog = page.getByRole("dialog", { name: /Reject 2 tasks/ });
    await expect(dialog).toBeVisible();
    await expectFocusTrapped(page, dialog, "bulk reject dialog");
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
    await expect(trigger).toBeFocused();
    await expectFocusVisible(page, "back on the row that opened the dialog");

    await page.keyboard.press("r");
    await expect(dialog).toBeVisible();
    await tabTo(page, dialog.getByRole("textbox"), "to the reason");
    await page.keyboard.type("Not the right audience");
    await tabTo(page, dialog.getByRole("button", { name: /^Reject 2/ }), "to the confirm button");
    await page.keyboard.press("Enter");
    await expect(dialog).toHaveCount(0);
    await expect(rows).toHaveCount(2, { timeout: 30_000 });
    await expect(focusedRow).toBeFocused();
    await expectFocusVisible(page, "after the bulk decision");
  });

  await test.step("approve the focused row with a", async () => {
    await page.keyboard.press("a");
    await expect(rows).toHaveCount(1, { timeout: 30_000 });
    await expect(focusedRow).toBeFocused();
    await expectFocusVisible(page, "after approving one");
  });

  await test.step("open the last task with Enter and approve it there", async () => {
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/tasks\/task_/);
    await expect(page.getByTestId("task-workspace")).toHaveAttribute("data-ready", "true");
    const approve = page.getByRole("toolbar", { name: "Decision" }).getByRole("button", { name: /^Approve/ });
    await tabTo(page, approve, "task page", 80);
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Approve this proposal?" });
    await expect(dialog).toBeVisible();
    await expectFocusTrapped(page, dialog, "approve dialog");
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
    await expect(approve).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(dialog).toBeVisible();
    await tabTo(page, dialog.getByRole("button", { name: /^Approve/ }), "to the confirm button");
    await page.keyboard.press("Enter");
  });

  await test.step("the queue is clear", async () => {
    await expect(page).toHaveURL(/\/queues\/outreach\?cleared=1/, { timeout: 30_000 });
    await expect(page.getByText("This queue is clear")).toBeVisible();
    expect(await pendingTasks(api, runId, 0)).toHaveLength(0);
  });
});
