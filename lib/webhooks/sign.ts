import { createHmac, timingSafeEqual } from "node:crypto";

/** `x-acl-signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, keyed by the team's secret. */
export function signWebhook(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): string {
  const mac = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  return `t=${timestamp},v1=${mac}`;
}

/** What a receiver does: recompute the HMAC over the raw body and compare in constant time; reject stale timestamps. */
export function verifyWebhookSignature(params: {
  secret: string;
  body: string;
  header: string;
  toleranceSeconds?: number;
  now?: number;
}): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(params.header.trim());
  if (!match) return false;
  const t = Number(match[1]);
  const now = params.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - t) > (params.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhook(params.secret, params.body, t).slice(`t=${t},v1=`.length), "hex");
  return timingSafeEqual(expected, Buffer.from(match[2]!, "hex"));
}
