import "server-only";
import { and, asc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import { runs, tasks, type RunRow } from "@/db/schema";
import { recordEngineAudit } from "./run-audit";
import { fanOutAnswer, isFanOutRequest, type FanOutRequest } from "@/lib/hitl/fan-out";
import { GateError } from "@/lib/hitl/schema";
import { newId } from "@/lib/ids";
import { enqueueAdvance } from "@/lib/jobs";
import { getWorkflow, isChildWorkflow } from "@/lib/workflows";

/**
 * The engine's side of `fanOut()` (lib/hitl/fan-out.ts): a pending interrupt whose value is a
 * fan-out request is answered by child runs, not by a human. The parent's sync starts them
 * (idempotently, in its own transaction); each child that first stops (waiting) or ends queues
 * the parent's advance job, which turns the parent `waiting` once every child has stopped once,
 * and resumes it with the outputs once every child completed.
 */

/** A failed or cancelled child: the parent cannot produce its output and fails (permanent). */
export class ChildRunFailedError extends GateError {
  constructor(message: string) {
    super(message);
    this.name = "ChildRunFailedError";
  }
}

/** Splits a run's pending interrupts into questions for humans and fan-out requests. */
export function splitInterrupts(pending: Map<string, unknown>) {
  const questions = new Map<string, unknown>();
  const fanOuts = new Map<string, FanOutRequest>();
  for (const [id, value] of pending) {
    if (isFanOutRequest(value)) fanOuts.set(id, value);
    else questions.set(id, value);
  }
  return { questions, fanOuts };
}

const TERMINAL = sql`('completed', 'failed', 'cancelled')`;

export interface ChildrenSummary {
  total: number;
  done: number;
  /** Children that have not yet stopped once: still starting, no task of theirs exists yet. */
  unsettled: number;
  broken: number;
}

export async function summarizeChildren(db: DbOrTx, parentRunId: string, interruptId: string): Promise<ChildrenSummary> {
  const result = await db.execute<{ total: number; done: number; unsettled: number; broken: number }>(sql`
    select count(*)::int as total,
      count(*) filter (where c.status in ${TERMINAL})::int as done,
      count(*) filter (where c.status in ('failed', 'cancelled'))::int as broken,
      count(*) filter (where c.status in ('queued', 'running')
        and not exists (select 1 from tasks t where t.child_run_id = c.id))::int as unsettled
    from runs c where c.parent_run_id = ${parentRunId} and c.parent_interrupt_id = ${interruptId}`);
  return result.rows[0]!;
}

/**
 * Starts the children of one fan-out that do not exist yet (all of them the first time; none
 * when the sync repeats). Each gets its own advance job, in this transaction.
 */
export async function startChildren(tx: Tx, parent: RunRow, interruptId: string, request: FanOutRequest): Promise<ChildrenSummary> {
  if (parent.parentRunId) throw new GateError(`Run ${parent.id} is a child run: child runs cannot fan out again.`);
  const def = getWorkflow(request.workflow);
  if (!def || !isChildWorkflow(def.id)) {
    throw new GateError(
      `fanOut: '${request.workflow}' is not a child workflow registered with ${parent.workflow} (its definition's \`children\`).`,
    );
  }
  let summary = await summarizeChildren(tx, parent.id, interruptId);
  if (summary.total >= request.inputs.length) return summary;
  const started: string[] = [];
  for (let i = 0; i < request.inputs.length; i += 100) {
    const rows = await tx
      .insert(runs)
      .values(
        request.inputs.slice(i, i + 100).map((input, k) => ({
          id: newId("run"),
          teamId: parent.teamId,
          workflow: def.id,
          input: input as object,
          metadata: {},
          // Separation of duties: whoever started the parent requested every child's decisions.
          createdBy: parent.createdBy,
          parentRunId: parent.id,
          parentInterruptId: interruptId,
          parentIndex: i + k,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: runs.id });
    started.push(...rows.map((r) => r.id));
  }
  for (const id of started) await enqueueAdvance(tx, id);
  if (started.length > 0) {
    await recordEngineAudit(tx, parent, "run.children_started", { workflow: def.id, count: started.length });
    summary = await summarizeChildren(tx, parent.id, interruptId);
  }
  return summary;
}

/**
 * The resume values of the fan-outs whose children all completed (outputs in item order).
 * A failed or cancelled child throws: the parent fails, and takes the other children with it.
 */
export async function answeredFanOuts(db: DbOrTx, parentRunId: string, fanOuts: Map<string, FanOutRequest>) {
  const resume: Record<string, unknown> = {};
  for (const [interruptId, request] of fanOuts) {
    const summary = await summarizeChildren(db, parentRunId, interruptId);
    if (summary.broken > 0) {
      const [child] = await db
        .select({ id: runs.id, status: runs.status, error: runs.error, index: runs.parentIndex })
        .from(runs)
        .where(
          and(eq(runs.parentRunId, parentRunId), eq(runs.parentInterruptId, interruptId), inArray(runs.status, ["failed", "cancelled"])),
        )
        .orderBy(asc(runs.parentIndex))
        .limit(1);
      throw new ChildRunFailedError(
        `Child run ${child!.id} (${request.workflow}, item ${child!.index}) ${child!.status}${child!.error ? `: ${child!.error.message}` : "."}`,
      );
    }
    if (summary.total < request.inputs.length || summary.done < summary.total) continue;
    const rows = await db
      .select({ output: runs.output })
      .from(runs)
      .where(and(eq(runs.parentRunId, parentRunId), eq(runs.parentInterruptId, interruptId)))
      .orderBy(asc(runs.parentIndex));
    resume[interruptId] = fanOutAnswer(rows.map((r) => r.output));
  }
  return resume;
}

/** The pending tasks of a parent's children (a batch to announce once the parent turns waiting). */
export async function pendingChildTasks(db: DbOrTx, parentRunId: string) {
  return db
    .select()
    .from(tasks)
    .where(and(eq(tasks.runId, parentRunId), isNotNull(tasks.childRunId), eq(tasks.status, "pending")))
    .orderBy(asc(tasks.id));
}

/** Ends the non-terminal children of a run that failed or was cancelled (their tasks go with the parent's). */
export async function cancelChildren(tx: Tx, parentRunId: string) {
  const now = new Date();
  return tx
    .update(runs)
    .set({ status: "cancelled", updatedAt: now, completedAt: now })
    .where(and(eq(runs.parentRunId, parentRunId), sql`${runs.status} not in ${TERMINAL}`))
    .returning({ id: runs.id });
}
