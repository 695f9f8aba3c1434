import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifyWebhook } from "./webhook";

const secret = "whsec_test_0123456789";
const body = JSON.stringify({ type: "task.decided", task: { id: "task_1", status: "decided" } });
const sign = (t: number, raw = body, key = secret) => `t=${t},v1=${createHmac("sha256", key).update(`${t}.${raw}`).digest("hex")}`;
const now = new Date("2026-12-01T12:00:00Z");
const t = Math.floor(now.getTime() / 1000);

describe("verifyWebhook", () => {
  it("accepts the server's signature format for the raw body and the team secret", () => {
    expect(verifyWebhook(sign(t), body, secret, { now })).toBe(true);
    expect(verifyWebhook(sign(t), new TextEncoder().encode(body), secret, { now })).toBe(true);
    // During a rotation the header may carry two v1 values: one matching is enough.
    const other = createHmac("sha256", "old-secret").update(`${t}.${body}`).digest("hex");
    expect(verifyWebhook(`t=${t},v1=${other},${sign(t).split(",")[1]}`, body, secret, { now })).toBe(true);
  });

  it("refuses a changed body, another secret, a stale timestamp and malformed headers", () => {
    expect(verifyWebhook(sign(t), body.replace("decided", "expired"), secret, { now })).toBe(false);
    expect(verifyWebhook(sign(t, body, "another-secret"), body, secret, { now })).toBe(false);
    expect(verifyWebhook(sign(t - 301), body, secret, { now })).toBe(false);
    expect(verifyWebhook(sign(t - 301), body, secret, { now, toleranceSeconds: 600 })).toBe(true);
    for (const bad of [null, "", "v1=abc", `t=${t}`, `t=x,v1=${"0".repeat(64)}`, `t=${t},v1=zz`]) {
      expect(verifyWebhook(bad, body, secret, { now })).toBe(false);
    }
  });
});
