import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import type { Mailbox } from "../fixtures";

/**
 * Signs in the way a person does: asks for a magic link on /sign-in, reads it from the
 * development mailbox (mail_messages) and opens it. Ends on `callbackPath` (default "/").
 */
export async function signIn(page: Page, params: { email: string; mailbox: Mailbox; callbackPath?: string }) {
  const { email, mailbox } = params;
  const newest = (await mailbox.list(email))[0]?.id;
  const callback = params.callbackPath ? `?callbackUrl=${encodeURIComponent(params.callbackPath)}` : "";
  await page.goto(`/sign-in${callback}`);
  await page.getByLabel("Work email").fill(email);
  await page.getByRole("button", { name: /sign-in link/i }).click();
  await page.waitForURL(/\/verify/);
  const mail = await mailbox.waitFor(email, { subject: /sign in/i, after: newest, timeoutMs: 20_000 });
  const link = magicLink(mail.text);
  await page.goto(link);
  // Auth.js may redirect to its own idea of the origin (e.g. localhost when the link was
  // 127.0.0.1), where the new session cookie does not apply: continue on the link's origin.
  if (new URL(page.url()).origin !== new URL(link).origin) await page.goto(params.callbackPath ?? "/");
  await page.waitForURL((url) => !/^\/(sign-in|verify|api\/auth)/.test(url.pathname));
  await expect(page.getByRole("navigation", { name: "Main" }).first()).toBeVisible();
}

/** A separate browser context (its own cookies) signed in as `email`, for multi-user specs. */
export async function signedInPage(
  browser: Browser,
  params: { email: string; mailbox: Mailbox; baseURL: string },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: params.baseURL });
  const page = await context.newPage();
  await signIn(page, params);
  return { context, page };
}

export function magicLink(text: string): string {
  const url = text.match(/https?:\/\/\S+\/api\/auth\/callback\/\S+/)?.[0] ?? text.match(/https?:\/\/\S+/)?.[0];
  if (!url) throw new Error(`No sign-in link in the email:\n${text}`);
  return url;
}
