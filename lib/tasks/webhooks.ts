import "server-only";
import { createHmac } from "node:crypto";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { tasks } from "@/db/schema";
import { toTaskDto } from "./dto";
import { authSecret } from "@/lib/auth/secret";
import { env } from "@/lib/env";
import { postWebhook } from "@/lib/webhooks/http";

/** WEBHOOK_SECRET, else the app's auth secret (AUTH_SECRET or the generated one in .data/). */
function webhookSecret() {
  return env().WEBHOOK_SECRET ?? authSecret();
}

/** `x-acl-signature: t=<unix>,v1=<hex hmac-sha256 of "t.body">`, Stripe-style. */
export function signWebhook(body: string, timestamp = Math.floor(Date.now() / 1000)) {
  const mac = createHmac("sha256", webhookSecret()).update(`${timestamp}.${body}`).digest("hex");
  return `t=${timestamp},v1=${mac}`;
}

/** Delivers a decided standalone task to its callback URL; a non-2xx answer is retried by the queue. */
export async function deliverTaskWebhook(db: DbOrTx, taskId: string) {
  const [task] = await db.select().from(tasks).where(eq(tasks.id, taskId)).limit(1);
  if (!task?.callbackUrl || !task.decision) return;
  const body = JSON.stringify({ type: "task.decided", task: toTaskDto(task) });
  const res = await postWebhook(
    task.callbackUrl,
    body,
    { "x-acl-signature": signWebhook(body), "x-acl-event-id": `${task.id}:decided` },
    { timeoutMs: env().WEBHOOK_TIMEOUT_MS },
  );
  if (res.status < 200 || res.status >= 300) throw new Error(`Webhook ${task.callbackUrl} answered ${res.status}`);
}
