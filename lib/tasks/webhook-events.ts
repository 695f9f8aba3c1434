import "server-only";
import { and, inArray, isNotNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { tasks } from "@/db/schema";
import { recordWebhookEvents, type WebhookEventType } from "@/lib/webhooks/deliveries";
import { toTaskDto } from "./dto";

const STATUS_EVENT: Record<string, WebhookEventType | undefined> = {
  decided: "task.decided",
  expired: "task.expired",
  cancelled: "task.cancelled",
};

/**
 * Call in the transaction that moved tasks out of `pending` (decided, expired, cancelled): each
 * one with a callbackUrl gets its webhook event `{id, type, createdAt, task}`, delivered by the
 * webhook worker. Tasks without a callback or still pending are skipped.
 */
export async function recordTaskEvents(db: DbOrTx, taskIds: string[]) {
  if (taskIds.length === 0) return;
  const rows = await db
    .select()
    .from(tasks)
    .where(and(inArray(tasks.id, taskIds), isNotNull(tasks.callbackUrl)));
  const events = rows.flatMap((task) => {
    const type = STATUS_EVENT[task.status];
    if (!type || !task.callbackUrl) return [];
    return [
      {
        teamId: task.teamId,
        taskId: task.id,
        type,
        url: task.callbackUrl,
        body: (id: string) => JSON.stringify({ id, type, createdAt: new Date().toISOString(), task: toTaskDto(task) }),
      },
    ];
  });
  await recordWebhookEvents(db, events);
}
