import "server-only";
import { v7 as uuid7 } from "@langchain/core/utils/uuid";
import { and, count, desc, eq, inArray, isNull, notInArray, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { langgraphRuns, langgraphThreads, runs, tasks, type LangGraphRunRow, type LangGraphRunStatus, type RunRow } from "@/db/schema";
import { assertCan, type Principal } from "@/lib/access/principal";
import { insertRun } from "@/lib/engine/runs";
import { AppError, notFound } from "@/lib/errors";
import { decideResultError, decideTask } from "@/lib/tasks/decide";
import { getWorkflow } from "@/lib/workflows";
import { resolveResume } from "./resume";
import { streamModesOf, type RunCreateBody } from "./schemas";
import { getSnapshot, headCheckpointId, pendingInterruptsOf } from "./state";
import { createThread, getThreadOrThrow, type ThreadRecord } from "./threads";
import { pendingTasksOf } from "./visibility";
import { watchRun } from "@/lib/realtime/run-events";

/** Re-read even without a notification, in case the listening connection dropped one. */
const WAIT_FALLBACK_MS = 5_000;

/**
 * LangGraph runs: one advance of a thread's run, from its input (or the decisions it carried)
 * to the next pause or the end. They start and resume the run only through the engine's own
 * services (insertRun, decideTask → the worker's run:advance job): one path, not a second engine.
 */

const FINAL_STATUSES: LangGraphRunStatus[] = ["success", "error", "interrupted", "timeout"];
export const isFinal = (status: LangGraphRunStatus) => FINAL_STATUSES.includes(status);

export type { LangGraphRunRow };

export function toLangGraphRunDto(row: LangGraphRunRow) {
  return {
    run_id: row.id,
    thread_id: row.threadId,
    assistant_id: row.assistantId,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    status: row.status,
    metadata: row.metadata,
    kwargs: row.kwargs,
    multitask_strategy: "reject" as const,
  };
}

/** Where a run's data lives, for Content-Location (the SDK reads the run id from it). */
export const runLocation = (row: Pick<LangGraphRunRow, "id" | "threadId">) => `/threads/${row.threadId}/runs/${row.id}`;

async function engineRunOf(db: DbOrTx, threadId: string): Promise<RunRow | null> {
  const [row] = await db
    .select({ run: runs })
    .from(langgraphThreads)
    .innerJoin(runs, eq(runs.id, langgraphThreads.runId))
    .where(eq(langgraphThreads.id, threadId));
  return row?.run ?? null;
}

/** The run's status now, from the engine run and its tasks; written back once it is final. */
export async function refreshRun(row: LangGraphRunRow): Promise<LangGraphRunRow> {
  if (isFinal(row.status)) return row;
  const db = getDb();
  const engine = await engineRunOf(db, row.threadId);
  let status: LangGraphRunStatus;
  if (!engine || engine.status === "failed") status = "error";
  else if (engine.status === "cancelled") status = "interrupted";
  else if (engine.status === "queued") status = "pending";
  else if (engine.status === "running") status = "running";
  else status = (await unappliedDecisions(db, row.taskIds)) > 0 ? "pending" : "success";
  if (!isFinal(status)) return { ...row, status };
  return finalize(row, status, engine);
}

async function unappliedDecisions(db: DbOrTx, taskIds: string[]) {
  if (taskIds.length === 0) return 0;
  const [row] = await db
    .select({ n: count() })
    .from(tasks)
    .where(and(inArray(tasks.id, taskIds), isNull(tasks.appliedAt), inArray(tasks.status, ["decided", "expired"])));
  return row?.n ?? 0;
}

async function finalize(row: LangGraphRunRow, status: LangGraphRunStatus, engine: RunRow | null): Promise<LangGraphRunRow> {
  const end = engine ? await headCheckpointId(engine) : null;
  const snapshot = engine?.status === "waiting" && end ? await getSnapshot(engine, end) : null;
  const interrupts = snapshot ? pendingInterruptsOf(snapshot).flatMap((t) => t.interrupts) : [];
  const [updated] = await getDb()
    .update(langgraphRuns)
    .set({ status, endCheckpointId: end, interrupts, updatedAt: new Date() })
    .where(and(eq(langgraphRuns.id, row.id), notInArray(langgraphRuns.status, FINAL_STATUSES)))
    .returning();
  if (updated) return updated;
  const [current] = await getDb().select().from(langgraphRuns).where(eq(langgraphRuns.id, row.id)); // finalized meanwhile
  return current!;
}

/** Brings every open run of a thread up to date (before a new run or an end is recorded). */
export async function refreshOpenRuns(threadId: string) {
  const open = await getDb()
    .select()
    .from(langgraphRuns)
    .where(and(eq(langgraphRuns.threadId, threadId), notInArray(langgraphRuns.status, FINAL_STATUSES)));
  for (const row of open) await refreshRun(row);
}

export async function getLangGraphRunOrThrow(params: { teamId: string; threadId: string; runId: string }) {
  const [row] = await getDb()
    .select()
    .from(langgraphRuns)
    .where(and(eq(langgraphRuns.id, params.runId), eq(langgraphRuns.threadId, params.threadId), eq(langgraphRuns.teamId, params.teamId)));
  if (!row) throw notFound("run", params.runId);
  return refreshRun(row);
}

export async function listLangGraphRuns(params: {
  teamId: string;
  threadId: string;
  limit: number;
  offset: number;
  status?: LangGraphRunStatus;
}) {
  await getThreadOrThrow(params);
  await refreshOpenRuns(params.threadId);
  const rows = await getDb()
    .select()
    .from(langgraphRuns)
    .where(
      and(
        eq(langgraphRuns.threadId, params.threadId),
        eq(langgraphRuns.teamId, params.teamId),
        params.status ? eq(langgraphRuns.status, params.status) : undefined,
      ),
    )
    .orderBy(desc(langgraphRuns.createdAt), desc(langgraphRuns.id))
    .limit(params.limit)
    .offset(params.offset);
  return rows.map(toLangGraphRunDto);
}

/**
 * runs.create / wait / stream. With `input`, the thread's run starts (once per thread); with
 * `command.resume`, each answer is recorded by decideTask, the resume route's service
 * (permissions, validation, audit), and the worker resumes the run as for any decision.
 * `threadId: null` is a stateless run: it gets a new thread, kept so that its pause can be answered.
 */
export async function createLangGraphRun(params: { principal: Principal; threadId: string | null; body: RunCreateBody }) {
  const { principal, body } = params;
  const def = getWorkflow(body.assistant_id);
  if (!def)
    throw new AppError(
      "not_found",
      `No assistant '${body.assistant_id}'. POST /assistants/search lists them (assistant id = workflow id).`,
    );
  if (body.command?.goto != null || body.command?.update != null) {
    throw new AppError("invalid_request", "command: only command.resume is supported (answer the thread's interrupts with it).");
  }
  const hasInput = body.input !== undefined && body.input !== null;
  const hasResume = body.command?.resume !== undefined && body.command.resume !== null;
  if (hasInput && hasResume)
    throw new AppError("invalid_request", "input: send either input (start the thread) or command.resume (answer it), not both.");
  if (!hasInput && !hasResume) {
    throw new AppError("invalid_request", "input: is required to start the thread's run; an interrupted thread takes command.resume.");
  }
  if (hasResume && params.threadId === null)
    throw new AppError("invalid_request", "command.resume: answers an interrupt of a thread: use /threads/{thread_id}/runs.");
  let record: ThreadRecord;
  if (params.threadId === null) {
    assertCan(principal, "runs.create");
    record = await createThread({ teamId: principal.teamId });
  } else {
    try {
      record = await getThreadOrThrow({ teamId: principal.teamId, threadId: params.threadId });
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== "not_found" || body.if_not_exists !== "create" || !hasInput) throw err;
      assertCan(principal, "runs.create");
      record = await createThread({ teamId: principal.teamId, threadId: params.threadId, ifExists: "do_nothing" });
    }
  }
  if (record.run && record.run.workflow !== def.id) {
    throw new AppError("invalid_request", `assistant_id: thread ${record.thread.id} runs '${record.run.workflow}', not '${def.id}'.`);
  }
  const kwargs = { stream_mode: streamModesOf(body.stream_mode), ...(hasInput ? { input: body.input } : { command: body.command }) };
  return hasInput ? startThread(principal, record, def.id, body, kwargs) : resumeThread(principal, record, def.id, body, kwargs);
}

async function startThread(
  principal: Principal,
  record: ThreadRecord,
  workflow: string,
  body: RunCreateBody,
  kwargs: Record<string, unknown>,
) {
  assertCan(principal, "runs.create");
  const alreadyRan = (run: { id: string }) =>
    new AppError(
      "conflict",
      `Thread ${record.thread.id} already drives run ${run.id} of '${workflow}': a thread runs its workflow once, from input to end. Create a new thread to start again; answer its interrupts with command.resume.`,
    );
  if (record.run) throw alreadyRan(record.run);
  return getDb().transaction(async (tx) => {
    const [thread] = await tx.select().from(langgraphThreads).where(eq(langgraphThreads.id, record.thread.id)).for("update");
    if (thread!.runId) throw alreadyRan({ id: thread!.runId });
    const run = await insertRun(
      {
        teamId: principal.teamId,
        workflow,
        input: body.input,
        metadata: { ...(body.metadata ?? {}), langgraph_thread_id: record.thread.id },
        actor: principal.actor,
      },
      tx,
    );
    await tx
      .update(langgraphThreads)
      .set({
        runId: run.id,
        metadata: sql`${langgraphThreads.metadata} || ${JSON.stringify({ graph_id: workflow, assistant_id: workflow, acl_run_id: run.id })}::jsonb`,
        updatedAt: new Date(),
      })
      .where(eq(langgraphThreads.id, record.thread.id));
    const [row] = await tx
      .insert(langgraphRuns)
      .values({
        id: uuid7(),
        teamId: principal.teamId,
        threadId: record.thread.id,
        assistantId: workflow,
        kind: "start",
        metadata: body.metadata ?? {},
        kwargs,
      })
      .returning();
    return row!;
  });
}

async function resumeThread(
  principal: Principal,
  record: ThreadRecord,
  workflow: string,
  body: RunCreateBody,
  kwargs: Record<string, unknown>,
) {
  const run = record.run;
  if (!run) throw new AppError("conflict", `Thread ${record.thread.id} has not started: send input first.`);
  if (record.status !== "interrupted") {
    throw new AppError("conflict", `Thread ${record.thread.id} is ${record.status}; only an interrupted thread can be resumed.`);
  }
  await refreshOpenRuns(record.thread.id);
  const decisions = resolveResume(body.command?.resume, await pendingTasksOf(run.id));
  const base = await headCheckpointId(run); // before deciding: the worker may resume at once
  const decided: string[] = [];
  for (const d of decisions) {
    try {
      const result = await decideTask({ principal, taskId: d.taskId, input: d.input });
      if (result.outcome !== "decided") throw decideResultError(result);
      decided.push(d.taskId);
    } catch (err) {
      if (!(err instanceof AppError) || decided.length === 0) throw err;
      throw new AppError(
        err.code,
        `${decided.length} of ${decisions.length} decisions were recorded; interrupt ${d.interruptId}: ${err.message}`,
        err.details,
      );
    }
  }
  await getDb().update(langgraphThreads).set({ updatedAt: new Date() }).where(eq(langgraphThreads.id, record.thread.id));
  const [row] = await getDb()
    .insert(langgraphRuns)
    .values({
      id: uuid7(),
      teamId: principal.teamId,
      threadId: record.thread.id,
      assistantId: workflow,
      kind: "resume",
      metadata: body.metadata ?? {},
      kwargs,
      taskIds: decided,
      baseCheckpointId: base,
    })
    .returning();
  return row!;
}

/** Resolves once the run is final (woken by the engine run's NOTIFY, like GET /api/v1/runs/{id}?wait), or at the deadline / abort. */
export async function waitUntilFinal(row: LangGraphRunRow, options: { signal?: AbortSignal; timeoutMs: number }) {
  const deadline = Date.now() + options.timeoutMs;
  const engine = await engineRunOf(getDb(), row.threadId);
  const watch = engine ? await watchRun(engine.id) : null;
  try {
    let current = await refreshRun(row);
    while (!isFinal(current.status) && Date.now() < deadline && !options.signal?.aborted) {
      const wait = Math.min(watch ? WAIT_FALLBACK_MS : 100, deadline - Date.now());
      if (watch) await watch.next(wait, options.signal);
      else await new Promise((r) => setTimeout(r, wait));
      current = await refreshRun(current);
    }
    return current;
  } finally {
    watch?.close();
  }
}
