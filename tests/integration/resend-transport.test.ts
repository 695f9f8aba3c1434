import http from "node:http";
import type net from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { mailMessages } from "@/db/schema";
import { resetEnvCache } from "@/lib/env";
import { deliverMail, enqueueMail, mailTransportName } from "@/lib/mail";
import { uniqueEmail } from "../helpers";

/**
 * The Resend transport against a local stand-in that speaks Resend's HTTP API (POST /emails,
 * Bearer key, Idempotency-Key, `{id}` on success, `{statusCode, name, message}` on errors) and
 * dedupes by Idempotency-Key as Resend does. The SDK is pointed at it with RESEND_BASE_URL.
 */
interface Received {
  authorization: string | undefined;
  idempotencyKey: string | undefined;
  body: { from: string; to: string | string[]; subject: string; text?: string; html?: string };
}

const received: Received[] = [];
const sent = new Map<string, string>(); // idempotency key → email id (what Resend keeps for 24 h)
let failNext = 0;

const standIn = http.createServer((req, res) => {
  let raw = "";
  req.on("data", (d) => (raw += d));
  req.on("end", () => {
    const json = (status: number, body: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (req.method !== "POST" || req.url !== "/emails") return json(404, { statusCode: 404, name: "not_found", message: "Not found" });
    if (req.headers.authorization !== "Bearer re_test_standin") {
      return json(401, { statusCode: 401, name: "missing_api_key", message: "Missing API key in the authorization header." });
    }
    const key = req.headers["idempotency-key"] as string | undefined;
    received.push({ authorization: req.headers.authorization, idempotencyKey: key, body: JSON.parse(raw) });
    if (failNext > 0) {
      failNext -= 1;
      return json(500, { statusCode: 500, name: "internal_server_error", message: "Stand-in outage" });
    }
    const existing = key ? sent.get(key) : undefined;
    if (existing) return json(200, { id: existing });
    const id = `re-email-${sent.size + 1}`;
    if (key) sent.set(key, id);
    json(200, { id });
  });
});

const saved = { key: process.env.RESEND_API_KEY, base: process.env.RESEND_BASE_URL, from: process.env.MAIL_FROM };
beforeAll(async () => {
  await new Promise<void>((r) => standIn.listen(0, "127.0.0.1", r));
  process.env.RESEND_API_KEY = "re_test_standin";
  process.env.RESEND_BASE_URL = `http://127.0.0.1:${(standIn.address() as net.AddressInfo).port}`;
  process.env.MAIL_FROM = "ACL Tests <tests@acl.example>";
  resetEnvCache();
});
afterAll(async () => {
  for (const [k, v] of [
    ["RESEND_API_KEY", saved.key],
    ["RESEND_BASE_URL", saved.base],
    ["MAIL_FROM", saved.from],
  ] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
  await new Promise((r) => standIn.close(r));
});

async function row(id: string) {
  const [m] = await getDb().select().from(mailMessages).where(eq(mailMessages.id, id));
  return m!;
}

describe("Resend transport", () => {
  it("sends through Resend's API with the message id as Idempotency-Key; a retry after a 500 reuses it and sends once", async () => {
    expect(mailTransportName()).toBe("resend");
    const to = uniqueEmail("lead");
    const { id } = await enqueueMail(getDb(), { to, subject: "Your refund", text: "Refunded 80 USD.", html: "<p>Refunded 80 USD.</p>" });

    failNext = 1;
    await expect(deliverMail(getDb(), id)).rejects.toThrow("Resend: Stand-in outage");
    expect(await row(id)).toMatchObject({ status: "queued", attempts: 1, transport: "resend", lastError: "Resend: Stand-in outage" });

    await deliverMail(getDb(), id); // the job queue's retry
    expect(sent.get(id)).toMatch(/^re-email-\d+$/);
    expect(await row(id)).toMatchObject({ status: "sent", attempts: 2, providerMessageId: sent.get(id), lastError: null });
    await deliverMail(getDb(), id); // a duplicate delivery job: already sent, no request at all

    const mine = received.filter((r) => r.idempotencyKey === id);
    expect(mine).toHaveLength(2);
    for (const r of mine) {
      expect(r.authorization).toBe("Bearer re_test_standin");
      expect(r.body).toMatchObject({
        from: "ACL Tests <tests@acl.example>",
        to,
        subject: "Your refund",
        text: "Refunded 80 USD.",
        html: "<p>Refunded 80 USD.</p>",
      });
    }
    expect([...sent.keys()].filter((k) => k === id)).toHaveLength(1);
  });

  it("a request that reached Resend but whose answer was lost is not sent twice (same key → same email id)", async () => {
    const to = uniqueEmail("lead");
    const { id } = await enqueueMail(getDb(), { to, subject: "Hello", text: "Hi" });
    await deliverMail(getDb(), id);
    const first = (await row(id)).providerMessageId;
    // Pretend the worker died before it recorded `sent`: the job runs again.
    await getDb().update(mailMessages).set({ status: "queued", providerMessageId: null }).where(eq(mailMessages.id, id));
    await deliverMail(getDb(), id);
    expect(await row(id)).toMatchObject({ status: "sent", providerMessageId: first, attempts: 2 });
    expect(received.filter((r) => r.idempotencyKey === id)).toHaveLength(2);
    expect([...sent.keys()].filter((k) => k === id)).toHaveLength(1);
  });
});
