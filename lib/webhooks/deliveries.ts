import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { webhookDeliveries, type Actor, type WebhookAttempt, type WebhookDeliveryRow } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { env } from "@/lib/env";
import { notFound } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { enqueueJob } from "@/lib/jobs";
import { postWebhook } from "./http";
import { getWebhookSecret } from "./secrets";
import { signWebhook } from "./sign";

export type WebhookEventType = "task.decided" | "task.expired" | "task.cancelled";

/**
 * Seconds before each retry after a failed attempt: 11 attempts spread over about a day
 * (5 s, 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, 4 h, 8 h, 8 h → 23.7 h), then the event is `failed`.
 */
export const RETRY_DELAYS_S = [5, 30, 120, 600, 1800, 3600, 7200, 14400, 28800, 28800];

function enqueueDelivery(db: DbOrTx, eventId: string, runAt?: Date) {
  // One job key per event: a resend replaces a waiting retry instead of adding a second one.
  return enqueueJob(db, "webhook:deliver", { eventId }, { jobKey: `webhook:${eventId}`, maxAttempts: 3, runAt });
}

/**
 * Records one webhook event (inside the transaction of the change it reports, so the event exists
 * exactly when the change committed) and enqueues its delivery. Once per task and type.
 */
export async function recordWebhookEvent(db: DbOrTx, event: WebhookEventInput) {
  await recordWebhookEvents(db, [event]);
}

type WebhookEventInput = { teamId: string; taskId: string; type: WebhookEventType; url: string; body: (eventId: string) => string };

/** `recordWebhookEvent` for many tasks: one INSERT and one statement enqueuing the deliveries. */
export async function recordWebhookEvents(db: DbOrTx, events: WebhookEventInput[]) {
  if (events.length === 0) return;
  const now = new Date();
  const inserted = await db
    .insert(webhookDeliveries)
    .values(
      events.map((event) => {
        const id = newId("whevt");
        return {
          id,
          teamId: event.teamId,
          taskId: event.taskId,
          type: event.type,
          url: event.url,
          body: event.body(id),
          nextAttemptAt: now,
        };
      }),
    )
    .onConflictDoNothing()
    .returning({ id: webhookDeliveries.id });
  if (inserted.length === 1) await enqueueDelivery(db, inserted[0]!.id);
  else if (inserted.length > 1) {
    // One job key per event, as enqueueDelivery.
    await db.execute(sql`select graphile_worker.add_job('webhook:deliver', json_build_object('eventId', e),
      max_attempts => 3, job_key => 'webhook:' || e) from json_array_elements_text(${JSON.stringify(inserted.map((r) => r.id))}::json) as e`);
  }
}

function describeError(err: unknown): string {
  const e = err as { name?: string; message?: string; code?: string; cause?: { message?: string; code?: string } };
  if (e?.name === "TimeoutError" || e?.name === "AbortError") return `no answer within ${env().WEBHOOK_TIMEOUT_MS} ms`;
  const cause = e?.cause?.message ? `: ${e.cause.message}` : "";
  return `${e?.message ?? String(err)}${cause}`.slice(0, 500);
}

/**
 * One delivery attempt (the `webhook:deliver` job). Signs the stored body with the team's
 * current secret and a fresh timestamp, POSTs it with the event id, and records the attempt.
 * A failure schedules the next attempt as a new job (at RETRY_DELAYS_S), so the delivery log
 * always shows when the next retry is due; the job itself never waits longer than the timeout.
 */
export async function deliverEvent(eventId: string, db: DbOrTx = getDb()) {
  const [event] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, eventId)).limit(1);
  if (!event || event.status !== "pending") return;
  const started = Date.now();
  let statusCode: number | null = null;
  let error: string | null = null;
  try {
    const secret = await getWebhookSecret({ teamId: event.teamId }, db);
    const res = await postWebhook(
      event.url,
      event.body,
      { "x-acl-signature": signWebhook(secret, event.body), "x-acl-event-id": event.id, "x-acl-event-type": event.type },
      { timeoutMs: env().WEBHOOK_TIMEOUT_MS },
    );
    statusCode = res.status;
    if (res.status < 200 || res.status >= 300)
      error = `answered ${res.status}${res.status >= 300 && res.status < 400 ? " (redirects are not followed)" : ""}`;
  } catch (err) {
    error = describeError(err);
  }
  const attempt: WebhookAttempt = { at: new Date(started).toISOString(), statusCode, error, durationMs: Date.now() - started };
  const failures = event.attempts.filter((a) => a.error !== null).length + (error ? 1 : 0);
  const delay = RETRY_DELAYS_S[failures - 1];
  const nextAttemptAt = error && delay !== undefined ? new Date(Date.now() + delay * 1000) : null;
  await db.transaction(async (tx) => {
    await tx
      .update(webhookDeliveries)
      .set({
        attempts: sql`${webhookDeliveries.attempts} || ${JSON.stringify([attempt])}::jsonb`,
        status: error ? (nextAttemptAt ? "pending" : "failed") : "delivered",
        deliveredAt: error ? null : new Date(),
        nextAttemptAt,
      })
      .where(eq(webhookDeliveries.id, event.id));
    if (nextAttemptAt) await enqueueDelivery(tx, event.id, nextAttemptAt);
  });
}

/** Sends an event again now (same event id and body), whatever its state; audited. */
export async function resendEvent(params: { teamId: string; taskId?: string; eventId: string; actor: Actor }, db: DbOrTx = getDb()) {
  return db.transaction(async (tx) => {
    const [event] = await tx
      .update(webhookDeliveries)
      .set({ status: "pending", nextAttemptAt: new Date() })
      .where(
        and(
          eq(webhookDeliveries.id, params.eventId),
          eq(webhookDeliveries.teamId, params.teamId),
          params.taskId ? eq(webhookDeliveries.taskId, params.taskId) : undefined,
        ),
      )
      .returning();
    if (!event) throw notFound("webhook event", params.eventId);
    await enqueueDelivery(tx, event.id);
    await recordAudit(tx, {
      teamId: params.teamId,
      actor: params.actor,
      action: "webhook.resent",
      subjectType: "task",
      subjectId: event.taskId,
      data: { eventId: event.id, type: event.type, url: event.url },
    });
    return event;
  });
}

export async function listTaskDeliveries(params: { teamId: string; taskId: string }, db: DbOrTx = getDb()): Promise<WebhookDeliveryRow[]> {
  return db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.teamId, params.teamId), eq(webhookDeliveries.taskId, params.taskId)))
    .orderBy(asc(webhookDeliveries.id));
}
