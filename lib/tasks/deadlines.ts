import "server-only";
import { and, eq, inArray, isNotNull, isNull, lte, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import { runs, tasks, type Decision, type TaskRow, type TimeoutOutcome } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { enqueueAdvance, enqueueJob, resumedRunId } from "@/lib/jobs";
import { ensureQueues } from "@/lib/queues";
import type { QueueDeadlineDefaults } from "@/lib/queues/deadline-defaults";
export { queueDeadlineDefaults } from "@/lib/queues/deadline-defaults";
import { publishTaskEvents } from "./events";
import { notifyDeadlineApproaching, notifyEscalated } from "./notify";
import { recordTaskEvents } from "./webhook-events";

/** What a task declares about its deadline (a gate's options, a standalone task's body, or its queue's defaults). */
export interface Deadline {
  dueAt: Date | null;
  remindAt: Date | null;
  onTimeout: TimeoutOutcome | null;
  escalateTo: string | null;
}

const SYSTEM = { type: "system" as const, id: "expiry" };

/**
 * The task's own declaration wins field by field; the queue fills what it left out. A queue's
 * reminder applies to any deadline (its own or the queue's), an escalation target only together
 * with the queue's escalate outcome.
 */
export function withQueueDefaults(own: Deadline, defaults: QueueDeadlineDefaults | undefined, now = new Date()): Deadline {
  if (!defaults) return own;
  const dueAt = own.dueAt ?? (defaults.defaultDueInSeconds ? new Date(now.getTime() + defaults.defaultDueInSeconds * 1000) : null);
  const remindAt =
    own.remindAt ??
    (dueAt && defaults.defaultRemindBeforeSeconds ? new Date(dueAt.getTime() - defaults.defaultRemindBeforeSeconds * 1000) : null);
  if (own.onTimeout) return { ...own, dueAt, remindAt };
  const escalates = defaults.defaultOnTimeout === "escalate" && defaults.defaultEscalateTo;
  return {
    dueAt,
    remindAt,
    onTimeout: defaults.defaultOnTimeout === "escalate" && !escalates ? null : defaults.defaultOnTimeout,
    escalateTo: escalates ? defaults.defaultEscalateTo : null,
  };
}

/**
 * Durable timers: one job at the deadline and one at the reminder, added in the transaction that
 * created the task (a rollback leaves no timer behind), keyed per task so a re-sync never doubles them.
 */
export async function scheduleDeadlineJobs(db: DbOrTx, created: TaskRow[]) {
  for (const t of created) {
    if (t.status !== "pending") continue;
    if (t.dueAt) await enqueueJob(db, "task:timeout", { taskId: t.id }, { runAt: t.dueAt, jobKey: `task:timeout:${t.id}`, maxAttempts: 5 });
    if (t.remindAt && !t.remindedAt && (!t.dueAt || t.remindAt < t.dueAt)) {
      await enqueueJob(db, "task:remind", { taskId: t.id }, { runAt: t.remindAt, jobKey: `task:remind:${t.id}`, maxAttempts: 5 });
    }
  }
}

/**
 * The deadline job: applies the task's declared outcome if it is still pending and due. Lock
 * order run → task, as a decision takes them, so the job and a late decision serialise on the
 * task row: whichever commits first wins, the other finds the task no longer pending.
 */
export async function timeOutTask(db: DbOrTx, taskId: string): Promise<TaskRow | null> {
  return db.transaction(async (tx) => {
    const [ref] = await tx.select({ runId: tasks.runId, childRunId: tasks.childRunId }).from(tasks).where(eq(tasks.id, taskId)).limit(1);
    if (!ref) return null;
    if (ref.runId) await tx.select({ id: runs.id }).from(runs).where(eq(runs.id, ref.runId)).for("share");
    if (ref.childRunId) await tx.select({ id: runs.id }).from(runs).where(eq(runs.id, ref.childRunId)).for("share");
    const [task] = await tx
      .select()
      .from(tasks)
      .where(and(eq(tasks.id, taskId), eq(tasks.status, "pending"), isNotNull(tasks.dueAt)))
      .for("update")
      .limit(1);
    if (!task) return null;
    const [due] = await tx
      .select({ id: tasks.id })
      .from(tasks)
      .where(and(eq(tasks.id, taskId), lte(tasks.dueAt, sql`now()`)));
    if (!due) {
      await scheduleDeadlineJobs(tx, [{ ...task, remindAt: null }]); // not yet due (clock skew): try again at dueAt
      return null;
    }
    const [after] = await applyTimeoutOutcomes(tx, [task]);
    return after ?? null;
  });
}

/** The reminder job: once, and only while the task is still pending. */
export async function remindTask(db: DbOrTx, taskId: string) {
  return db.transaction(async (tx) => {
    const [task] = await tx
      .update(tasks)
      .set({ remindedAt: sql`now()` })
      .where(and(eq(tasks.id, taskId), eq(tasks.status, "pending"), isNull(tasks.remindedAt), lte(tasks.remindAt, sql`now()`)))
      .returning({ id: tasks.id, teamId: tasks.teamId });
    if (task) await notifyDeadlineApproaching(tx, { teamId: task.teamId, taskId: task.id });
    return Boolean(task);
  });
}

/**
 * Applies each task's declared outcome to locked, pending, overdue rows (the deadline job and the
 * safety-net sweep share it). expire/reject: a system rejection; approve: a system approval (both
 * `expired`, the run resumes with the decision); escalate: the task stays pending in `escalateTo`.
 */
export async function applyTimeoutOutcomes(tx: Tx, rows: TaskRow[]): Promise<TaskRow[]> {
  const now = new Date();
  const expired: TaskRow[] = [];
  const escalated: TaskRow[] = [];
  for (const t of rows) {
    const outcome = t.onTimeout ?? "expire";
    if (outcome === "escalate" && t.escalateTo) {
      escalated.push(await escalate(tx, t, t.escalateTo, now));
      continue;
    }
    const decision: Decision = {
      action: outcome === "approve" ? "approve" : "reject",
      comment:
        outcome === "approve" ? "Approved automatically: no decision before the due date." : "Expired: no decision before the due date.",
      actor: SYSTEM,
      at: now.toISOString(),
    };
    const [updated] = await tx.update(tasks).set({ status: "expired", decision, decidedAt: now }).where(eq(tasks.id, t.id)).returning();
    await recordAudit(tx, {
      teamId: t.teamId,
      actor: SYSTEM,
      action: "task.expired",
      subjectType: "task",
      subjectId: t.id,
      data: { runId: t.runId, queue: t.queue, title: t.title, onTimeout: outcome, decision },
    });
    expired.push(updated!);
  }
  const runIds = new Set(expired.flatMap((t) => resumedRunId(t) ?? []));
  for (const runId of runIds) await enqueueAdvance(tx, runId);
  await recordTaskEvents(
    tx,
    expired.filter((t) => t.callbackUrl).map((t) => t.id),
  );
  await publishTaskEvents(tx, "expired", expired);
  await publishTaskEvents(tx, "escalated", [
    ...escalated,
    ...escalated.map((t) => ({ teamId: t.teamId, queue: t.escalatedFrom ?? t.queue })),
  ]);
  return [...expired, ...escalated];
}

async function escalate(tx: Tx, t: TaskRow, toQueue: string, now: Date) {
  await ensureQueues(tx, t.teamId, [toQueue]);
  const [updated] = await tx
    .update(tasks)
    .set({ queue: toQueue, escalatedFrom: t.queue, escalatedAt: now, dueAt: null, remindAt: null })
    .where(eq(tasks.id, t.id))
    .returning();
  await recordAudit(tx, {
    teamId: t.teamId,
    actor: SYSTEM,
    action: "task.escalated",
    subjectType: "task",
    subjectId: t.id,
    data: { runId: t.runId, title: t.title, before: { queue: t.queue, dueAt: t.dueAt?.toISOString() ?? null }, after: { queue: toQueue } },
  });
  await notifyEscalated(tx, { teamId: t.teamId, taskId: t.id, fromQueue: t.queue, toQueue });
  return updated!;
}

/**
 * The safety net behind the deadline jobs (a purged job, tasks from before they existed): every
 * worker heartbeat applies the declared outcome to pending tasks past their due date and sends
 * reminders that are due. Rows another transaction holds are skipped, not waited for.
 */
export async function sweepDeadlines(db: DbOrTx) {
  const timedOut = await db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(tasks)
      .where(and(eq(tasks.status, "pending"), lte(tasks.dueAt, sql`now()`)))
      .orderBy(tasks.dueAt)
      .limit(200)
      .for("update", { skipLocked: true });
    return (await applyTimeoutOutcomes(tx, due)).length;
  });
  const reminders = await db
    .select({ id: tasks.id })
    .from(tasks)
    .where(and(eq(tasks.status, "pending"), isNull(tasks.remindedAt), lte(tasks.remindAt, sql`now()`)))
    .limit(200);
  for (const r of reminders) await remindTask(db, r.id);
  return timedOut;
}
