import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import type { DecisionInput, FieldFailure, Task } from "@/lib/contract";
import { runs, tasks, TASK_ACTIONS, type Approval, type Decision, type TaskRow } from "@/db/schema";
import { assertCan, separationOfDutiesViolation, type Principal } from "@/lib/access/principal";
import { queueVisibility, type QueueVisibility } from "@/lib/access/visibility";
import { rememberAnswer } from "@/lib/answers";
import { recordAudit, recordAudits, type AuditInput } from "@/lib/audit";
import { AppError, notFound } from "@/lib/errors";
import { recordFeedback } from "@/lib/feedback";
import { enqueueAdvances, resumedRunId } from "@/lib/jobs";
import { recordTaskEvents } from "./webhook-events";
import { toTaskDto } from "./dto";
import { getTaskRowOrThrow } from "./queries";
import { taskSeenHash } from "./seen-hash";
import { matchSchema } from "./validate";

export { decisionInputSchema, type DecisionInput } from "@/lib/contract";

function describeDecided(task: TaskRow) {
  if (task.status === "decided" && task.decision) {
    return `Task ${task.id} was already decided (${task.decision.action}) by ${task.decision.actor.type} ${task.decision.actor.id} at ${task.decision.at}.`;
  }
  if (task.status === "expired" && task.decision) {
    return `Task ${task.id} expired at ${task.decision.at}: its deadline passed and the system recorded '${task.decision.action}'; it can no longer be decided.`;
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

/** What a decision sets in motion, collected so that a bulk decision sends one notify and one job per run. */
interface AfterDecide {
  queues: Set<string>;
  count: number;
  runIds: Set<string>;
  webhookTaskIds: string[];
}
const afterDecide = (): AfterDecide => ({ queues: new Set(), count: 0, runIds: new Set(), webhookTaskIds: [] });

async function flushAfterDecide(tx: Tx, teamId: string, after: AfterDecide) {
  if (after.count === 0) return;
  await tx.execute(
    sql`select pg_notify('acl_tasks', ${JSON.stringify({ teamId, event: "decided", queues: [...after.queues], count: after.count })})`,
  );
  await enqueueAdvances(tx, [...after.runIds]);
  await recordTaskEvents(tx, after.webhookTaskIds); // signed webhook events, delivered on their own worker slots
}

/**
 * Every check of a decision that needs no write, in the order the caller sees its errors:
 * hidden queue (404, thrown), not pending (conflict), no permission or separation of duties
 * (403, thrown), stale seenHash (conflict), action not allowed (422, thrown), edited payload
 * failing the schema (invalid). Returns null when the decision may be recorded.
 */
function checkDecision(
  principal: Principal,
  task: TaskRow,
  input: DecisionInput,
  v: QueueVisibility,
): Exclude<DecideResult, { outcome: "decided" }> | null {
  // Hidden queues are invisible: the same 404 as another team's task.
  if (!v.canSee(task.queue)) throw notFound("task", task.id);
  if (task.status !== "pending") return { outcome: "conflict", message: describeDecided(task), task: toTaskDto(task) };
  if (!v.canWork(task.queue)) {
    throw new AppError("forbidden", `You may not decide tasks in the '${task.queue}' queue.`);
  }
  const violation = separationOfDutiesViolation(principal, task);
  if (violation) throw new AppError("forbidden", violation);
  if (input.seenHash && input.seenHash !== taskSeenHash(task)) {
    const message = `Task ${task.id} changed since it was looked at (seenHash does not match): nothing was recorded; read it again and decide.`;
    return { outcome: "conflict", message, task: toTaskDto(task) };
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
  return null;
}

function newDecision(principal: Principal, input: DecisionInput): Decision {
  return {
    action: input.action,
    ...(input.action === "edit" ? { payload: input.payload } : {}),
    ...(input.action === "respond" ? { response: input.response!.trim() } : {}),
    ...(input.comment?.trim() ? { comment: input.comment.trim() } : {}),
    actor: principal.actor,
    at: new Date().toISOString(),
  };
}

const AUDIT_ACTION = { respond: "task.responded", edit: "task.edited", approve: "task.approved", reject: "task.rejected" } as const;

function decisionAudit(principal: Principal, task: TaskRow, input: DecisionInput, decision: Decision): AuditInput {
  return {
    teamId: task.teamId,
    actor: principal.actor,
    action: AUDIT_ACTION[input.action],
    subjectType: "task",
    subjectId: task.id,
    data: {
      runId: task.runId,
      queue: task.queue,
      title: task.title,
      // What the reviewer confirmed they saw (the dashboard always sends it).
      seenHash: input.seenHash ?? null,
      before: { status: task.status, payload: task.payload },
      after: { status: "decided", decision },
    },
  };
}

function noteDecided(after: AfterDecide, task: TaskRow) {
  after.queues.add(task.queue);
  after.count += 1;
  const runId = resumedRunId(task);
  if (runId) after.runIds.add(runId);
  else if (task.callbackUrl) after.webhookTaskIds.push(task.id);
}

/** Checks and records one decision inside the caller's transaction (the task row is locked). */
async function decideLocked(
  tx: Tx,
  principal: Principal,
  task: TaskRow,
  input: DecisionInput,
  visibility: QueueVisibility | undefined,
  after: AfterDecide,
): Promise<DecideResult> {
  const v = visibility ?? (await queueVisibility(principal, tx));
  const refusal = checkDecision(principal, task, input, v);
  if (refusal) return refusal;
  let approvals = task.approvals;
  if (task.quorum > 1 && (input.action === "approve" || input.action === "edit")) {
    const quorum = checkQuorum(principal, task, input.action);
    if (quorum.outcome === "conflict") return { ...quorum, task: toTaskDto(task) };
    approvals = quorum.approvals;
    if (approvals.length < task.quorum) return recordApproval(tx, principal, task, approvals, input.seenHash);
    // The last approval needed: recorded below as the task's decision, with every approval kept.
  }
  const decision = newDecision(principal, input);
  const [updated] = await tx
    .update(tasks)
    .set({ status: "decided", decision, decidedAt: new Date(decision.at), approvals })
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
  await rememberAnswer(tx, task, decision); // a clarification's answer becomes a suggestion for its group
  await recordAudit(tx, decisionAudit(principal, task, input, decision));
  noteDecided(after, task);
  return { outcome: "decided", task: toTaskDto(updated!) };
}

/**
 * Lock order run → task, shared: decisions on one run proceed together, while a cancel, a
 * failure or the worker's sync (which lock the run row exclusively, then its tasks) wait for
 * them or make them wait, never both. Without it a decision could commit on a run that failed
 * a moment before, answering 200 for a resume that never comes.
 */
async function lockRunForDecision(tx: Tx, runId: string | null, childRunId: string | null = null) {
  if (runId) await tx.select({ id: runs.id }).from(runs).where(eq(runs.id, runId)).for("share");
  // A child run's task (fan-out): its own thread too, which its sync and failure lock.
  if (childRunId) await tx.select({ id: runs.id }).from(runs).where(eq(runs.id, childRunId)).for("share");
}

/**
 * Quorum (a gate's `quorum: N`): the task is approved once N distinct deciders have approved the
 * same proposal. An edit would change what the earlier approvers approved, so quorum tasks take
 * approvals and rejections only; one rejection ends the task. `quorumRoles` limits whose
 * approvals count. The caller already holds the row lock, so approvals never race.
 */
function checkQuorum(
  principal: Principal,
  task: TaskRow,
  action: "approve" | "edit",
): { outcome: "ok"; approvals: Approval[] } | { outcome: "conflict"; message: string } {
  if (action === "edit") {
    throw new AppError(
      "unprocessable",
      `Task ${task.id} needs ${task.quorum} approvals of the same proposal: approve it as it is, or reject it with a reason.`,
    );
  }
  if (task.quorumRoles && (principal.kind !== "user" || !task.quorumRoles.includes(principal.role))) {
    throw new AppError("forbidden", `Approvals of task ${task.id} count only from members with the role ${task.quorumRoles.join(" or ")}.`);
  }
  const { actor } = principal;
  if (task.approvals.some((a) => a.actor.type === actor.type && a.actor.id === actor.id)) {
    return {
      outcome: "conflict",
      message: `${actor.type} ${actor.id} already approved task ${task.id}; it needs ${task.quorum} distinct approvers (${task.approvals.length} so far).`,
    };
  }
  return { outcome: "ok", approvals: [...task.approvals, { actor, at: new Date().toISOString() }] };
}

/** An approval short of the quorum: kept on the task (still pending) and audited; the run waits on. */
async function recordApproval(
  tx: Tx,
  principal: Principal,
  task: TaskRow,
  approvals: Approval[],
  seenHash: string | undefined,
): Promise<DecideResult> {
  const [updated] = await tx.update(tasks).set({ approvals }).where(eq(tasks.id, task.id)).returning();
  await recordAudit(tx, {
    teamId: task.teamId,
    actor: principal.actor,
    action: "task.approval_recorded",
    subjectType: "task",
    subjectId: task.id,
    data: {
      runId: task.runId,
      queue: task.queue,
      title: task.title,
      approvals: approvals.length,
      quorum: task.quorum,
      seenHash: seenHash ?? null,
    },
  });
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
    const visible = await getTaskRowOrThrow(params, tx); // 404 for other teams and hidden queues
    await lockRunForDecision(tx, visible.runId, visible.childRunId);
    const [task] = await tx
      .select()
      .from(tasks)
      .where(and(eq(tasks.id, params.taskId), eq(tasks.teamId, params.principal.teamId)))
      .for("update")
      .limit(1);
    if (!task) throw notFound("task", params.taskId);
    const after = afterDecide();
    const result = await decideLocked(tx, params.principal, task, params.input, undefined, after);
    await flushAfterDecide(tx, params.principal.teamId, after);
    return result;
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
 * Decides many tasks with the same action (bulk approve/reject from a queue) in ONE transaction,
 * set-based: the runs and tasks are locked in two statements (in id order, so two bulk decisions
 * never deadlock), each task is checked in memory like a single decision, then every plain
 * decision is written by one UPDATE, audited by one multi-row insert (the chain is sealed per row
 * at commit by the database), and followed by one notify, one batch of resume jobs (one per run)
 * and one batch of webhook events. A task that cannot be decided (conflict, forbidden, not
 * allowed) is reported without undoing the others. Quorum tasks, rare in a bulk selection, take
 * the single decision's path, since each keeps its own approvals.
 */
export async function decideTasksBulk(params: {
  principal: Principal;
  taskIds: string[];
  input: { action: "approve" | "reject"; comment?: string } | { action: "respond"; response: string; comment?: string };
}): Promise<BulkOutcome[]> {
  const { principal, input } = params;
  assertCan(principal, "tasks.decide");
  const ids = [...new Set(params.taskIds)].slice(0, 500);
  if (ids.length === 0) return [];
  return getDb().transaction(async (tx) => {
    // Runs before tasks, as every decision locks them (a run failing meanwhile cannot slip between):
    // the runs the client started first, then fanned-out tasks' child runs, each in id order,
    // the order cancel and failure lock them.
    for (const column of [tasks.runId, tasks.childRunId]) {
      await tx
        .select({ id: runs.id })
        .from(runs)
        .where(
          inArray(
            runs.id,
            tx
              .select({ runId: column })
              .from(tasks)
              .where(and(eq(tasks.teamId, principal.teamId), inArray(tasks.id, ids))),
          ),
        )
        .orderBy(runs.id)
        .for("share");
    }
    const rows = await tx
      .select()
      .from(tasks)
      .where(and(eq(tasks.teamId, principal.teamId), inArray(tasks.id, ids)))
      .orderBy(tasks.id)
      .for("update");
    const byId = new Map(rows.map((r) => [r.id, r]));
    const visibility = await queueVisibility(principal, tx); // once, not per task
    const after = afterDecide();
    const outcomes = new Map<string, BulkOutcome>();
    const plain: TaskRow[] = [];
    for (const taskId of ids) {
      const task = byId.get(taskId);
      if (!task) {
        outcomes.set(taskId, { taskId, ok: false, code: "not_found", message: `No task with id '${taskId}' in this team.` });
        continue;
      }
      try {
        if (task.quorum > 1 && input.action === "approve") {
          const result = await decideLocked(tx, principal, task, input, visibility, after);
          outcomes.set(taskId, result.outcome === "decided" ? { taskId, ok: true } : failed(taskId, result));
          continue;
        }
        const refusal = checkDecision(principal, task, input, visibility);
        if (refusal) outcomes.set(taskId, failed(taskId, refusal));
        else plain.push(task);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        outcomes.set(taskId, { taskId, ok: false, code: err.code, message: err.message });
      }
    }
    if (plain.length > 0) {
      const decision = newDecision(principal, input);
      await tx
        .update(tasks)
        .set({ status: "decided", decision, decidedAt: new Date(decision.at) })
        .where(
          inArray(
            tasks.id,
            plain.map((t) => t.id),
          ),
        );
      await recordAudits(
        tx,
        plain.map((task) => decisionAudit(principal, task, input, decision)),
      );
      for (const task of plain) {
        await rememberAnswer(tx, task, decision); // a group answered once: its answer is kept for suggestions
        noteDecided(after, task);
        outcomes.set(task.id, { taskId: task.id, ok: true });
      }
    }
    await flushAfterDecide(tx, principal.teamId, after);
    return ids.map((id) => outcomes.get(id)!);
  });
}

const failed = (taskId: string, result: Exclude<DecideResult, { outcome: "decided" }>): BulkOutcome => ({
  taskId,
  ok: false,
  code: result.outcome === "conflict" ? "conflict" : "unprocessable",
  message: result.message,
});
