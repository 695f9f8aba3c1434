import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import type { DecisionInput, FieldFailure, Task } from "@/lib/contract";
import { tasks, TASK_ACTIONS, type Decision, type Role, type TaskRow } from "@/db/schema";
import { assertCan, canSeeQueue, canWorkQueue, type Principal } from "@/lib/access/principal";
import { recordAudit } from "@/lib/audit";
import { AppError, notFound } from "@/lib/errors";
import { recordFeedback } from "@/lib/feedback";
import { enqueueAdvance, enqueueJob } from "@/lib/jobs";
import { getQueueRoles } from "@/lib/queues";
import { toTaskDto } from "./dto";
import { getTaskRowOrThrow } from "./queries";
import { matchSchema } from "./validate";

export { decisionInputSchema, type DecisionInput } from "@/lib/contract";

function describeDecided(task: TaskRow) {
  if (task.status === "decided" && task.decision) {
    return `Task ${task.id} was already decided (${task.decision.action}) by ${task.decision.actor.type} ${task.decision.actor.id} at ${task.decision.at}.`;
  }
  return `Task ${task.id} is ${task.status}, not pending; it can no longer be decided.`;
}

/**
 * What a decision can come to. Errors of the caller (unknown task, no permission, malformed
 * input) are thrown as AppError; the two answers a reviewer's screen shows inline come back as data.
 */
export type DecideResult =
  | { outcome: "decided"; task: Task }
  /** The task left `pending` before this decision: `task` shows who or what decided it. */
  | { outcome: "conflict"; message: string; task: Task }
  /** The edited payload fails the task's JSON Schema. */
  | { outcome: "invalid"; message: string; failures: FieldFailure[] };

/** Checks and records one decision inside the caller's transaction (the task row is locked). */
async function decideLocked(
  tx: Tx,
  principal: Principal,
  task: TaskRow,
  input: DecisionInput,
  queueRoles?: Map<string, Role[]>,
): Promise<DecideResult> {
  const roles = queueRoles ?? (await getQueueRoles(principal.teamId, tx));
  // Hidden queues are invisible: the same 404 as another team's task.
  if (!canSeeQueue(principal, task.queue, roles.get(task.queue) ?? null)) throw notFound("task", task.id);
  if (task.status !== "pending") return { outcome: "conflict", message: describeDecided(task), task: toTaskDto(task) };
  if (!canWorkQueue(principal, task.queue, roles.get(task.queue) ?? null)) {
    throw new AppError("forbidden", `You may not decide tasks in the '${task.queue}' queue.`);
  }
  if (!task.allowed.includes(input.action)) {
    throw new AppError("unprocessable", `Action '${input.action}' is not allowed for this task; allowed: ${task.allowed.join(", ")}.`);
  }
  if (input.action === "edit") {
    if (input.payload === undefined) throw new AppError("invalid_request", "payload: required when action is 'edit'.");
    const mismatch = task.schema ? matchSchema(task.schema, input.payload) : null;
    if (mismatch) return { outcome: "invalid", ...mismatch };
  }
  if (input.action === "respond" && !input.response?.trim()) {
    throw new AppError("invalid_request", "response: a non-empty string is required when action is 'respond'.");
  }
  const decision: Decision = {
    action: input.action,
    ...(input.action === "edit" ? { payload: input.payload } : {}),
    ...(input.action === "respond" ? { response: input.response!.trim() } : {}),
    ...(input.comment?.trim() ? { comment: input.comment.trim() } : {}),
    actor: principal.actor,
    at: new Date().toISOString(),
  };
  const [updated] = await tx
    .update(tasks)
    .set({ status: "decided", decision, decidedAt: new Date(decision.at) })
    .where(eq(tasks.id, task.id))
    .returning();
  if (input.action === "edit") {
    await recordFeedback(tx, {
      teamId: task.teamId,
      taskId: task.id,
      runId: task.runId,
      workflow: task.workflow,
      original: task.payload,
      edited: input.payload,
      editor: principal.actor,
      comment: decision.comment ?? null,
    });
  }
  await recordAudit(tx, {
    teamId: task.teamId,
    actor: principal.actor,
    action: `task.${input.action === "respond" ? "responded" : input.action === "edit" ? "edited" : input.action === "approve" ? "approved" : "rejected"}`,
    subjectType: "task",
    subjectId: task.id,
    data: {
      runId: task.runId,
      queue: task.queue,
      title: task.title,
      before: { status: task.status, payload: task.payload },
      after: { status: "decided", decision },
    },
  });
  await tx.execute(
    sql`select pg_notify('acl_tasks', ${JSON.stringify({ teamId: task.teamId, event: "decided", queues: [task.queue], count: 1 })})`,
  );
  if (task.runId) await enqueueAdvance(tx, task.runId);
  else if (task.callbackUrl) await enqueueJob(tx, "webhook:deliver", { taskId: task.id }, { maxAttempts: 12 });
  return { outcome: "decided", task: toTaskDto(updated!) };
}

/**
 * Decides one task. One transaction: lock the task, check it is pending, the caller's
 * permission, the action and the edited payload; record the decision, the audit event and the
 * resume job. Exactly one decision wins; every other caller gets `conflict`. The resume route
 * goes through lib/engine's resumeTask(), which maps the outcomes to 409 and 422.
 */
export async function decideTask(params: { principal: Principal; taskId: string; input: DecisionInput }): Promise<DecideResult> {
  assertCan(params.principal, "tasks.decide");
  return getDb().transaction(async (tx) => {
    await getTaskRowOrThrow(params, tx); // 404 for other teams and hidden queues
    const [task] = await tx
      .select()
      .from(tasks)
      .where(and(eq(tasks.id, params.taskId), eq(tasks.teamId, params.principal.teamId)))
      .for("update")
      .limit(1);
    if (!task) throw notFound("task", params.taskId);
    return decideLocked(tx, params.principal, task, params.input);
  });
}

/** The contract's error for an outcome other than `decided`: 409 with the task as it is now, or 422 with the failing paths. */
export function decideResultError(result: Exclude<DecideResult, { outcome: "decided" }>): AppError {
  return result.outcome === "conflict"
    ? new AppError("conflict", result.message, { task: result.task })
    : new AppError("unprocessable", result.message, { failures: result.failures });
}

export type BulkOutcome = { taskId: string; ok: true } | { taskId: string; ok: false; code: string; message: string };

/**
 * Decides many tasks with the same action (bulk approve/reject from a queue). One transaction
 * per task so one conflict does not undo the others; the resume jobs coalesce per run.
 */
export async function decideTasksBulk(params: {
  principal: Principal;
  taskIds: string[];
  input: { action: "approve" | "reject"; comment?: string };
}): Promise<BulkOutcome[]> {
  assertCan(params.principal, "tasks.decide");
  const ids = [...new Set(params.taskIds)].slice(0, 500);
  const known = await getDb()
    .select({ id: tasks.id })
    .from(tasks)
    .where(and(eq(tasks.teamId, params.principal.teamId), inArray(tasks.id, ids)));
  const knownIds = new Set(known.map((k) => k.id));
  const roles = await getQueueRoles(params.principal.teamId); // once, not per task
  const outcomes: BulkOutcome[] = [];
  for (const taskId of ids) {
    if (!knownIds.has(taskId)) {
      outcomes.push({ taskId, ok: false, code: "not_found", message: `No task with id '${taskId}' in this team.` });
      continue;
    }
    try {
      const result = await getDb().transaction(async (tx) => {
        const [task] = await tx.select().from(tasks).where(eq(tasks.id, taskId)).for("update").limit(1);
        return decideLocked(tx, params.principal, task!, params.input, roles);
      });
      if (result.outcome === "decided") outcomes.push({ taskId, ok: true });
      else
        outcomes.push({ taskId, ok: false, code: result.outcome === "conflict" ? "conflict" : "unprocessable", message: result.message });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      outcomes.push({ taskId, ok: false, code: err.code, message: err.message });
    }
  }
  return outcomes;
}
