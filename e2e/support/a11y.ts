import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import type { AxeResults, ImpactValue, Result } from "axe-core";

/** WCAG 2.1 levels A and AA (2.0 rules carry the wcag2a/wcag2aa tags). */
export const WCAG21_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * Moderate or minor findings we accept, each with the reason. Anything moderate or minor that is
 * not listed here fails like a serious one does, so this list is the complete record.
 */
export const ACCEPTED_MINOR_FINDINGS: Record<string, string> = {};

const BLOCKING: ImpactValue[] = ["serious", "critical"];

export type Theme = "light" | "dark";

/**
 * Puts the page in a colour scheme the way a user's OS would: the app follows the system theme
 * (next-themes, `defaultTheme="system"`) until someone picks one, so emulating the media feature
 * is deterministic. Waits until next-themes has applied the class to <html>.
 */
export async function applyTheme(page: Page, theme: Theme) {
  await page.emulateMedia({ colorScheme: theme });
  const html = expect(page.locator("html"));
  await (theme === "dark" ? html.toHaveClass(/\bdark\b/) : html.not.toHaveClass(/\bdark\b/));
  await settle(page);
}

/**
 * Waits for finite CSS animations and transitions (a dialog fading in) so contrast is measured on
 * the final colours; endless ones (the live indicator's ping) are left running. At most 5 s: an
 * animation that is paused or restarted never settles, and once hung the check for 5 minutes.
 */
async function settle(page: Page) {
  await page.evaluate(async () => {
    const finite = document.getAnimations().filter((a) => a.effect?.getComputedTiming().endTime !== Infinity);
    const done = Promise.all(finite.map((a) => a.finished.catch(() => undefined)));
    await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  });
}

function describe(v: Result): string {
  const nodes = v.nodes.slice(0, 6).map((n) => {
    const summary = (n.failureSummary ?? "").split("\n").slice(1, 3).join(" ").trim();
    return `    - ${n.target.join(" ")}${summary ? `: ${summary}` : ""}\n      ${n.html.slice(0, 160)}`;
  });
  const more = v.nodes.length > 6 ? [`    … and ${v.nodes.length - 6} more`] : [];
  return [`  [${v.impact}] ${v.id}: ${v.help} (${v.nodes.length} node(s)) ${v.helpUrl}`, ...nodes, ...more].join("\n");
}

export interface A11yOptions {
  /** Names the page state in failures and in the report, e.g. "queue: bulk confirmation (dark)". */
  context: string;
  /** Restrict the check to part of the page (e.g. an open dialog); default the whole document. */
  include?: string;
}

/**
 * Runs axe-core's WCAG 2.1 A/AA rules on the page as it is now. Fails on any serious or critical
 * violation, and on moderate/minor ones not in ACCEPTED_MINOR_FINDINGS, printing each rule with the
 * offending elements. Accepted findings are attached to the test as annotations.
 */
export async function expectNoA11yViolations(page: Page, options: A11yOptions): Promise<AxeResults> {
  await settle(page);
  // While a modal dialog, menu or listbox is open, Radix hides the rest of the page from assistive
  // technology (aria-hidden on its siblings, focus kept inside): that part was checked before the
  // dialog opened, and is what axe's aria-hidden-focus would flag, so the check covers what is exposed.
  // A toast already on its way out (sonner's data-removed) is fading to transparent: its colours
  // mid-fade are not what anyone reads (it was checked while shown). One that starts leaving
  // during the analysis is still a race, so specs wait for a toast to go before checking again.
  let builder = new AxeBuilder({ page })
    .withTags(WCAG21_AA_TAGS)
    .exclude('[data-aria-hidden="true"]')
    .exclude('[data-sonner-toast][data-removed="true"]');
  if (options.include) builder = builder.include(options.include);
  const results = await builder.analyze();
  const failing = results.violations.filter((v) => BLOCKING.includes(v.impact ?? null) || !(v.id in ACCEPTED_MINOR_FINDINGS));
  for (const v of results.violations.filter((x) => !failing.includes(x))) {
    test.info().annotations.push({ type: "a11y-accepted", description: `${options.context}: ${v.id} (${ACCEPTED_MINOR_FINDINGS[v.id]})` });
  }
  // Soft: one run reports every page state that fails, not just the first.
  const report = failing.map(describe).join("\n");
  expect.soft(report, `Accessibility violations on ${options.context} (${page.url()})`).toBe("");
  return results;
}

/** The same check in the light and then the dark theme; leaves the page in `end` (default light). */
export async function expectNoA11yViolationsInThemes(page: Page, options: A11yOptions & { end?: Theme }) {
  for (const theme of ["light", "dark"] as const) {
    await applyTheme(page, theme);
    await expectNoA11yViolations(page, { ...options, context: `${options.context} (${theme})` });
  }
  if ((options.end ?? "light") === "light") await applyTheme(page, "light");
}
