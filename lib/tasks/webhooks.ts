import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { tasks } from "@/db/schema";
import { toTaskDto } from "./dto";
import { env } from "@/lib/env";
import { postWebhook } from "@/lib/webhooks/http";
import { getWebhookSecret } from "@/lib/webhooks/secrets";
import { signWebhook } from "@/lib/webhooks/sign";

/** Delivers a decided standalone task to its callback URL; a non-2xx answer is retried by the queue. */
export async function deliverTaskWebhook(db: DbOrTx, taskId: string) {
  const [task] = await db.select().from(tasks).where(eq(tasks.id, taskId)).limit(1);
  if (!task?.callbackUrl || !task.decision) return;
  const body = JSON.stringify({ type: "task.decided", task: toTaskDto(task) });
  const res = await postWebhook(
    task.callbackUrl,
    body,
    { "x-acl-signature": signWebhook(await getWebhookSecret({ teamId: task.teamId }, db), body), "x-acl-event-id": `${task.id}:decided` },
    { timeoutMs: env().WEBHOOK_TIMEOUT_MS },
  );
  if (res.status < 200 || res.status >= 300) throw new Error(`Webhook ${task.callbackUrl} answered ${res.status}`);
}
