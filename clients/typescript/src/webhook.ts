import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Verifies a webhook from AgentControlLayer. The server sends
 * `x-acl-signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, keyed with the
 * team's webhook secret. Pass the header, the raw body exactly as received (before JSON.parse)
 * and the secret. Several `v1=` values (during a secret rotation) are accepted if any matches.
 * A signature older or newer than `toleranceSeconds` (default 300) is refused, against replays.
 */
export function verifyWebhook(
  signature: string | null | undefined,
  body: string | Uint8Array,
  secret: string,
  options: { toleranceSeconds?: number; now?: Date } = {},
): boolean {
  if (!signature || !secret) return false;
  const parts = signature.split(",").map((p) => p.trim().split("="));
  const t = parts.find(([k]) => k === "t")?.[1];
  const candidates = parts.filter(([k, v]) => k === "v1" && v && /^[0-9a-f]{64}$/i.test(v)).map(([, v]) => v!.toLowerCase());
  if (!t || !/^\d+$/.test(t) || candidates.length === 0) return false;
  const now = (options.now ?? new Date()).getTime() / 1000;
  if (Math.abs(now - Number(t)) > (options.toleranceSeconds ?? 300)) return false;
  const raw = typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body);
  const expected = createHmac("sha256", secret)
    .update(Buffer.concat([Buffer.from(`${t}.`, "utf8"), raw]))
    .digest();
  return candidates.some((hex) => timingSafeEqual(Buffer.from(hex, "hex"), expected));
}

/** The event of a verified webhook body: `{type, task}` (parse it only after verifyWebhook). */
export type WebhookEventType = "task.decided" | "task.expired" | "task.cancelled";
