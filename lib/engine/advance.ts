import "server-only";
import { Command, type StateSnapshot } from "@langchain/langgraph";
import { and, eq, inArray, isNull, isNotNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { runs, tasks, type RunRow, type TaskRow } from "@/db/schema";
import { recordEngineAudit } from "./run-audit";
import { env } from "@/lib/env";
import { fewShotExamples } from "@/lib/feedback";
import { FEW_SHOT_LOADER_KEY, type FewShotLoader } from "@/lib/hitl/examples";
import { createTasksFromInterrupts } from "@/lib/tasks/create";
import { getWorkflow, type WorkflowDefinition } from "@/lib/workflows";
import type { CompiledWorkflow } from "@/lib/workflows/types";
import { getCheckpointer } from "./checkpointer";
import { taskSpecsFromInterrupt } from "./interrupts";
import { planResume } from "./resume-plan";
import { acquireRunLock } from "./run-lock";
import { enqueueAdvance } from "@/lib/jobs";
import { setRunStatus, TERMINAL_RUN_STATUSES } from "./runs";
import { publishTaskEvents } from "@/lib/tasks/events";
import { notifyReviewers } from "@/lib/tasks/notify";
import { answeredFanOuts, cancelChildren, pendingChildTasks, splitInterrupts, startChildren } from "./children";

const g = globalThis as unknown as { __aclGraphs?: Map<string, CompiledWorkflow> };

export function compiledGraph(def: WorkflowDefinition): CompiledWorkflow {
  g.__aclGraphs ??= new Map();
  let graph = g.__aclGraphs.get(def.id);
  if (!graph) {
    graph = def.compile(getCheckpointer(), { engine: true }); // the engine runs fanOut's child runs
    g.__aclGraphs.set(def.id, graph);
  }
  return graph;
}

/** Node's default listener limit per EventTarget; see graphConfig. */
export const GRAPH_MAX_CONCURRENCY = 10;

export function graphConfig(run: Pick<RunRow, "id" | "teamId" | "workflow">) {
  // The feedback sink's curated examples for lib/hitl's fewShotExamples(), bound to this run's team and workflow.
  const examples: FewShotLoader = (q) => fewShotExamples({ teamId: run.teamId, workflow: run.workflow, ...q });
  // maxConcurrency: LangGraph hangs one abort listener per running task on the step's signal, so a
  // fan-out of more than 10 (an outreach to 40 leads) made Node print MaxListenersExceededWarning
  // in the worker. The step still runs every task, at most 10 at a time (also a cap on parallel model calls).
  return {
    configurable: { thread_id: run.id, team_id: run.teamId, [FEW_SHOT_LOADER_KEY]: examples },
    recursionLimit: 100,
    maxConcurrency: GRAPH_MAX_CONCURRENCY,
  };
}

/** Interrupts still waiting for an answer. A task that already produced a result is not pending. */
export function pendingInterrupts(state: StateSnapshot): Map<string, unknown> {
  const pending = new Map<string, unknown>();
  for (const task of state.tasks) {
    if (task.result !== undefined) continue;
    for (const intr of task.interrupts ?? []) if (intr.id) pending.set(intr.id, intr.value);
  }
  return pending;
}

/** Errors that say so (a wrongly declared gate) fail the run at once: a retry would fail the same way. */
const isPermanent = (err: unknown) => typeof err === "object" && err !== null && (err as { permanent?: unknown }).permanent === true;
const hasCheckpoint = (state: StateSnapshot) => Boolean(state.config?.configurable?.checkpoint_id);

/**
 * The one job that moves a run forward (start, resume, crash recovery). It runs alone for its
 * run (queue per run) and applies every decision recorded so far in one Command, so 100
 * decisions cost a few invocations, not 100. Each step is safe to repeat after a crash.
 */
export async function advanceRun(runId: string, attempt: { final: boolean } = { final: true }) {
  const db = getDb();
  const [run] = await db.select().from(runs).where(eq(runs.id, runId)).limit(1);
  if (!run || TERMINAL_RUN_STATUSES.includes(run.status)) return;

  // Belt and braces beside the per-run job queue: a session advisory lock on a connection of
  // our own. If a busy worker was wrongly taken for dead and its job handed out again, the
  // second execution waits its turn instead of forking the thread. The lock dies with the
  // connection, so a killed process never holds it.
  const lock = await acquireRunLock(run.id);
  if (!lock) {
    await enqueueAdvance(db, run.id, { delayMs: 2_000 });
    return;
  }
  try {
    const def = getWorkflow(run.workflow);
    if (!def) return await failRun(run, `Workflow '${run.workflow}' is not registered in this deployment.`);
    const graph = compiledGraph(def);
    const config = graphConfig(run);
    const state = await graph.getState(config);
    if (!hasCheckpoint(state)) {
      await setRunStatus(db, run.id, { status: "running" });
      await graph.invoke({ input: run.input }, config);
    } else {
      await resumeWithDecisions(run, graph, state);
    }
    await syncRun(run, graph, def);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (attempt.final || isPermanent(err)) return await failRun(run, message);
    throw err; // the queue retries with backoff, from the last checkpoint
  } finally {
    await lock.release();
  }
}

/** The tasks whose decisions resume this run's thread (a child run's tasks carry the parent's runId). */
function threadTasks(run: Pick<RunRow, "id" | "parentRunId">) {
  return run.parentRunId ? eq(tasks.childRunId, run.id) : and(eq(tasks.runId, run.id), isNull(tasks.childRunId));
}

async function resumeWithDecisions(run: RunRow, graph: CompiledWorkflow, state: StateSnapshot) {
  const db = getDb();
  const pending = pendingInterrupts(state);
  const { questions, fanOuts } = splitInterrupts(pending);
  const loadDecided = () =>
    db
      .select()
      .from(tasks)
      .where(and(threadTasks(run), isNotNull(tasks.decision), isNull(tasks.appliedAt), inArray(tasks.status, ["decided", "expired"])));
  let decided = await loadDecided();
  let plan = planResume(questions, decided.map(asDecided));
  // Batch window: each resume re-runs every still-pending sibling interrupt, so decisions that
  // arrive in a burst (bulk approve, a fast reviewer) should share one resume. Wait until the
  // oldest waiting decision is RESUME_BATCH_MS old; the added latency is bounded by that.
  const oldest = Math.min(...decided.map((t) => t.decidedAt?.getTime() ?? 0));
  const wait = env().RESUME_BATCH_MS - (Date.now() - oldest);
  if (plan.readyInterrupts > 0 && questions.size > plan.readyInterrupts && wait > 0) {
    await new Promise((r) => setTimeout(r, wait));
    decided = await loadDecided();
    plan = planResume(questions, decided.map(asDecided));
  }
  // Fan-outs whose children all completed (a failed child throws: the run fails).
  const children = fanOuts.size > 0 ? await answeredFanOuts(db, run.id, fanOuts) : {};
  const resume = { ...plan.resume, ...children };

  if (Object.keys(resume).length > 0) {
    await setRunStatus(db, run.id, { status: "running" });
    await graph.invoke(new Command({ resume }), graphConfig(run));
  } else if (pending.size === 0 && (state.next.length > 0 || state.tasks.length > 0)) {
    // Interrupted mid-step by a crash: continue from the last checkpoint. `next` omits tasks whose
    // writes were saved, so a crash between a step's writes and its checkpoint leaves next = [].
    await setRunStatus(db, run.id, { status: "running" });
    await graph.invoke(null, graphConfig(run));
  }
  // Tasks of an interrupt that still waits for a sibling's decision stay unapplied.
  const applied = [...plan.applied, ...plan.consumed];
  if (applied.length > 0) await db.update(tasks).set({ appliedAt: new Date() }).where(inArray(tasks.id, applied));
}

const asDecided = (t: TaskRow) => ({ id: t.id, interruptId: t.interruptId, interruptIndex: t.interruptIndex, decision: t.decision! });

/**
 * Mirrors the checkpoint into our tables: one task per new interrupt, child runs per fan-out,
 * and the run's status. A child run's tasks carry its parent's id as `runId` (the run the client
 * started) and their own thread as `childRunId`; the child wakes its parent when it first stops
 * and when it ends.
 */
async function syncRun(run: RunRow, graph: CompiledWorkflow, def: WorkflowDefinition) {
  const state = await graph.getState(graphConfig(run));
  const pending = pendingInterrupts(state);
  const { questions, fanOuts } = splitInterrupts(pending);
  await getDb().transaction(async (tx) => {
    const [current] = await tx.select().from(runs).where(eq(runs.id, run.id)).for("update").limit(1);
    if (!current || current.status === "cancelled") return; // cancel wins: no new tasks
    const [parent] = current.parentRunId
      ? await tx.select({ id: runs.id, workflow: runs.workflow, status: runs.status }).from(runs).where(eq(runs.id, current.parentRunId))
      : [];
    if (pending.size > 0) {
      const created = await createTasksFromInterrupts(tx, {
        teamId: run.teamId,
        runId: parent?.id ?? run.id,
        childRunId: parent ? run.id : null,
        workflow: parent?.workflow ?? run.workflow,
        requestedBy: current.createdBy ?? null,
        // A parent still starting its children announces their tasks together once it waits.
        notify: !parent || parent.status === "waiting",
        interrupts: [...questions].flatMap(([id, value]) =>
          taskSpecsFromInterrupt(value, { queue: def.queue }).map((spec, index) => ({ id, index, spec })),
        ),
      });
      // Waiting once every child has stopped once (asked its question, or ended): only then
      // does `pendingTaskIds` list every draft, as it did when all gates were in one thread.
      let settled = true;
      for (const [id, request] of fanOuts) if ((await startChildren(tx, current, id, request)).unsettled > 0) settled = false;
      const waiting = questions.size > 0 || settled;
      await setRunStatus(tx, run.id, { status: waiting ? "waiting" : "running" });
      // Decisions that arrived while this job ran are picked up by the job they enqueued.
      const announced = waiting && fanOuts.size > 0 && current.status !== "waiting" ? await pendingChildTasks(tx, run.id) : [];
      if (announced.length > 0) await notifyReviewers(tx, { teamId: run.teamId, tasks: announced });
      const newTaskIds = [...created, ...announced].map((t) => t.id);
      if (newTaskIds.length > 0) {
        await recordEngineAudit(tx, run, "run.waiting", { newTaskIds });
      }
      if (parent && created.length > 0 && parent.status !== "waiting") await enqueueAdvance(tx, parent.id);
    } else if (state.next.length === 0 && state.tasks.length === 0) {
      const values = state.values as { output?: unknown };
      await setRunStatus(tx, run.id, { status: "completed", output: values.output ?? null, error: null });
      await recordEngineAudit(tx, run, "run.completed", {});
      if (parent) await enqueueAdvance(tx, parent.id); // the parent resumes once its last child ends
    } else {
      await enqueueAdvance(tx, run.id); // a step is left to run: keep going
    }
  });
}

/**
 * A failed run takes its pending tasks with it (cancelled, in the same transaction): deciding
 * one would otherwise answer 200 for a resume that never comes. The run row is locked first,
 * the order every decision follows too (lib/tasks/decide.ts), so a racing decision either
 * lands before (and is kept, decided) or finds the task cancelled (409).
 */
export async function failRun(run: Pick<RunRow, "id" | "teamId">, message: string) {
  await getDb().transaction(async (tx) => {
    const [current] = await tx
      .select({ status: runs.status, parentRunId: runs.parentRunId })
      .from(runs)
      .where(eq(runs.id, run.id))
      .for("update")
      .limit(1);
    if (!current || TERMINAL_RUN_STATUSES.includes(current.status)) return;
    await setRunStatus(tx, run.id, { status: "failed", error: { message } });
    // A parent's children end with it (their tasks carry its id); a failed child fails its parent.
    if (current.parentRunId) await enqueueAdvance(tx, current.parentRunId);
    else await cancelChildren(tx, run.id);
    const cancelled = await tx
      .update(tasks)
      .set({ status: "cancelled" })
      .where(and(current.parentRunId ? eq(tasks.childRunId, run.id) : eq(tasks.runId, run.id), eq(tasks.status, "pending")))
      .returning({ id: tasks.id, queue: tasks.queue });
    await recordEngineAudit(tx, run, "run.failed", {
      error: message,
      before: { status: current.status },
      cancelledTaskIds: cancelled.map((t) => t.id).sort(),
    });
    await publishTaskEvents(
      tx,
      "cancelled",
      cancelled.map((t) => ({ teamId: run.teamId, queue: t.queue })),
    );
  });
}
