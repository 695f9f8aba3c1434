import { describe, expect, it } from "vitest";
import { uniqueEmail } from "../helpers";
import { TestServer } from "./server";
import { serverForFile, sql } from "./fixtures";

/** Security headers on pages and API responses, and sign-in hardening, against the production build. */
const ctx = serverForFile({ env: { SIGNIN_PER_IP_PER_MINUTE: "3" } });

function expectCommonHeaders(res: Response) {
  expect(res.headers.get("x-frame-options")).toBe("DENY");
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  expect(res.headers.get("strict-transport-security")).toMatch(/^max-age=\d+/);
  expect(res.headers.get("permissions-policy")).toContain("camera=()");
  expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
}

describe("security headers", () => {
  it("a page has a strict CSP whose nonce is on every inline script; a fresh nonce per request", async () => {
    const res = await fetch(`${ctx.server.url}/sign-in`);
    expect(res.status).toBe(200);
    expectCommonHeaders(res);
    const csp = res.headers.get("content-security-policy")!;
    const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)' 'strict-dynamic'/.exec(csp)?.[1];
    expect(nonce, csp).toBeTruthy();
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).toContain("object-src 'none'");
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, tag).toContain(`nonce="${nonce}"`);

    const again = await fetch(`${ctx.server.url}/sign-in`);
    expect(again.headers.get("content-security-policy")).not.toContain(nonce!);
  });

  it("API responses (JSON, errors, health) carry the headers too, with a CSP that runs nothing", async () => {
    for (const path of ["/api/health", "/api/v1/runs", "/api/v1/openapi.json"]) {
      const res = await fetch(`${ctx.server.url}${path}`);
      expectCommonHeaders(res);
      expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    }
    // A redirect to sign-in has them as well.
    const redirect = await fetch(`${ctx.server.url}/queues`, { redirect: "manual" });
    expect(redirect.status).toBeGreaterThanOrEqual(300);
    expectCommonHeaders(redirect);
  });
});

/** POSTs the Auth.js email sign-in the way a script would (CSRF token + cookie), with extra headers. */
async function requestLink(server: { url: string }, email: string, headers: Record<string, string> = {}) {
  const csrf = await fetch(`${server.url}/api/auth/csrf`, { headers });
  const cookie = (csrf.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]).join("; ");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  return fetch(`${server.url}/api/auth/signin/email`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie, ...headers },
    body: new URLSearchParams({ email, csrfToken, callbackUrl: "/" }).toString(),
  });
}

async function mailsTo(email: string) {
  return sql<{ text: string }>(`select text from mail_messages where "to" = $1`, [email]);
}

describe("sign-in hardening", () => {
  it("a forged Host or X-Forwarded-Host never produces a link to another origin", async () => {
    const email = uniqueEmail("victim");
    const res = await requestLink(ctx.server, email, {
      host: "evil.example",
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "https",
      "x-forwarded-for": "198.51.100.7",
    });
    expect(res.status).toBeLessThan(500);
    const [mail] = await mailsTo(email);
    expect(mail, "a sign-in mail was sent").toBeTruthy();
    const links = [...mail!.text.matchAll(/https?:\/\/[^\s)]+/g)].map((m) => m[0]);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      expect(new URL(link).origin).toBe(ctx.server.url);
      expect(decodeURIComponent(link)).not.toContain("evil.example");
    }
  });

  it("limits sign-in emails per client address, whatever the address asked for", async () => {
    const ip = "203.0.113.9";
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await requestLink(ctx.server, uniqueEmail(`plus+${i}`), { "x-forwarded-for": ip })).status);
    expect(statuses.slice(0, 3).every((s) => s < 400)).toBe(true);
    expect(statuses[3]).toBe(429);
  });

  it("production without APP_URL/AUTH_URL refuses to build links from request headers: a clear error, no mail", async () => {
    // Unset (undefined drops the suite's APP_URL from the child's environment).
    const server = await TestServer.start({ env: { APP_URL: undefined, AUTH_URL: undefined } as unknown as Record<string, string> });
    try {
      const email = uniqueEmail("nourl");
      const res = await requestLink(server, email, { host: "evil.example" });
      expect(res.status).toBe(500);
      expect(await res.text()).toContain("APP_URL (or AUTH_URL) must be set");
      expect(await mailsTo(email)).toEqual([]);
    } finally {
      await server.stop();
    }
  });
});
