import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Tx } from "@/db/client";
import { tasks, TASK_ACTIONS, type Decision, type Role, type TaskRow } from "@/db/schema";
import { assertCan, canSeeQueue, canWorkQueue, type Principal } from "@/lib/auth/principal";
import { recordAudit } from "@/lib/audit";
import { AppError, notFound } from "@/lib/errors";
import { toTaskDto } from "@/lib/engine/dto";
import { enqueueAdvance, getRunOrThrow } from "@/lib/engine/runs";
import { recordFeedback } from "@/lib/feedback";
import { enqueueJob } from "@/lib/jobs";
import { getQueueRoles } from "@/lib/queues";
import { getTaskRowOrThrow } from "./queries";
import { assertMatchesSchema } from "./validate";

export const decisionInputSchema = z.object({
  action: z.enum(TASK_ACTIONS),
  payload: z.unknown().optional(),
  response: z.string().max(20_000).optional(),
  comment: z.string().max(5_000).optional(),
});
export type DecisionInput = z.infer<typeof decisionInputSchema>;

function describeDecided(task: TaskRow) {
  if (task.status === "decided" && task.decision) {
    return `Task ${task.id} was already decided (${task.decision.action}) by ${task.decision.actor.type} ${task.decision.actor.id} at ${task.decision.at}.`;
  }
  return `Task ${task.id} is ${task.status}, not pending; it can no longer be decided.`;
}

/** Checks and records one decision inside the caller's transaction (the task row is locked). */
async function decideLocked(tx: Tx, principal: Principal, task: TaskRow, input: DecisionInput, queueRoles?: Map<string, Role[]>) {
  const roles = queueRoles ?? (await getQueueRoles(tx, principal.teamId));
  // Hidden queues are invisible: the same 404 as another team's task.
  if (!canSeeQueue(principal, task.queue, roles.get(task.queue) ?? null)) throw notFound("task", task.id);
  if (task.status !== "pending") throw new AppError("conflict", describeDecided(task), { task: toTaskDto(task) });
  if (!canWorkQueue(principal, task.queue, roles.get(task.queue) ?? null)) {
    throw new AppError("forbidden", `You may not decide tasks in the '${task.queue}' queue.`);
  }
  if (!task.allowed.includes(input.action)) {
    throw new AppError("unprocessable", `Action '${input.action}' is not allowed for this task; allowed: ${task.allowed.join(", ")}.`);
  }
  if (input.action === "edit") {
    if (input.payload === undefined) throw new AppError("invalid_request", "payload: required when action is 'edit'.");
    if (task.schema) assertMatchesSchema(task.schema, input.payload);
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
  return updated!;
}

/**
 * The resume route's service. One transaction: lock the task, check it is pending, the
 * caller's permission, the action and the edited payload; record the decision, the audit
 * event and the resume job. Exactly one decision wins; every other caller gets 409.
 */
export async function decideTask(params: { principal: Principal; taskId: string; input: DecisionInput }) {
  assertCan(params.principal, "tasks.decide");
  const updated = await getDb().transaction(async (tx) => {
    await getTaskRowOrThrow(tx, params); // 404 for other teams and hidden queues
    const [task] = await tx
      .select()
      .from(tasks)
      .where(and(eq(tasks.id, params.taskId), eq(tasks.teamId, params.principal.teamId)))
      .for("update")
      .limit(1);
    if (!task) throw notFound("task", params.taskId);
    return decideLocked(tx, params.principal, task, params.input);
  });
  const run = updated.runId ? await getRunOrThrow(getDb(), { teamId: updated.teamId, runId: updated.runId }) : null;
  return { task: toTaskDto(updated), run };
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
  const roles = await getQueueRoles(getDb(), params.principal.teamId); // once, not per task
  const outcomes: BulkOutcome[] = [];
  for (const taskId of ids) {
    if (!knownIds.has(taskId)) {
      outcomes.push({ taskId, ok: false, code: "not_found", message: `No task with id '${taskId}' in this team.` });
      continue;
    }
    try {
      await getDb().transaction(async (tx) => {
        const [task] = await tx.select().from(tasks).where(eq(tasks.id, taskId)).for("update").limit(1);
        await decideLocked(tx, params.principal, task!, params.input, roles);
      });
      outcomes.push({ taskId, ok: true });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      outcomes.push({ taskId, ok: false, code: err.code, message: err.message });
    }
  }
  return outcomes;
}
