import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { langgraphThreads, type RunRow } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { assertCan, type Principal } from "@/lib/access/principal";
import { cancelRun, TERMINAL_RUN_STATUSES } from "@/lib/engine/runs";
import { AppError } from "@/lib/errors";
import { getLangGraphRunOrThrow, isFinal, refreshOpenRuns } from "./runs";
import { headCheckpointId } from "./state";
import { getThreadOrThrow } from "./threads";

/**
 * Ending things: a thread marked resolved (Agent Inbox), a thread deleted, a run cancelled. In
 * this product each ends the thread's run, through the same service as
 * POST /api/v1/runs/{id}/cancel (pending tasks cancelled, audited).
 */

const isActive = (run: RunRow | null): run is RunRow => run !== null && !TERMINAL_RUN_STATUSES.includes(run.status);

/**
 * updateState({values: null, asNode: "__end__"}): the human settled the thread elsewhere, so its
 * run ends: cancelled through the same service as POST /api/v1/runs/{id}/cancel (pending tasks
 * cancelled, audited). Ending an ended thread is a no-op. Other state updates would rewrite what
 * the graph decided without a review, so they are refused.
 */
export async function endThread(params: { principal: Principal; threadId: string; values: unknown; asNode?: string | null }) {
  const { principal, threadId } = params;
  const emptyValues = params.values == null || (typeof params.values === "object" && Object.keys(params.values).length === 0);
  if (params.asNode !== "__end__" || !emptyValues) {
    throw new AppError(
      "invalid_request",
      "as_node: this server only ends a thread through updateState ({values: null, as_node: '__end__'}); answer interrupts with command.resume.",
    );
  }
  assertCan(principal, "runs.cancel");
  const { run } = await getThreadOrThrow({ teamId: principal.teamId, threadId });
  if (!run) throw new AppError("conflict", `Thread ${threadId} has not started: there is nothing to end.`);
  if (isActive(run)) await cancelForLangGraph(principal, run, threadId, "resolved through the LangGraph API (updateState as_node __end__)");
  const checkpoint = { thread_id: threadId, checkpoint_ns: "", checkpoint_id: await headCheckpointId(run) };
  // LangGraph servers answer {checkpoint}; the SDK's type says {configurable}: both, then.
  return { checkpoint, configurable: checkpoint };
}

/** Deletes the thread (the LangGraph view); its run is cancelled if active and stays in /api/v1/runs with its audit trail. */
export async function deleteThread(principal: Principal, threadId: string) {
  assertCan(principal, "runs.cancel");
  const { run } = await getThreadOrThrow({ teamId: principal.teamId, threadId });
  if (isActive(run)) await cancelForLangGraph(principal, run, threadId, "thread deleted through the LangGraph API");
  await getDb().transaction(async (tx) => {
    await tx.delete(langgraphThreads).where(and(eq(langgraphThreads.id, threadId), eq(langgraphThreads.teamId, principal.teamId)));
    await recordAudit(tx, {
      teamId: principal.teamId,
      actor: principal.actor,
      action: "langgraph.thread.deleted",
      subjectType: run ? "run" : "langgraph_thread",
      subjectId: run?.id ?? threadId,
      data: { threadId },
    });
  });
}

async function cancelForLangGraph(principal: Principal, run: RunRow, threadId: string, reason: string) {
  await refreshOpenRuns(threadId); // runs that already reached their pause stay "success"
  try {
    await cancelRun({ teamId: principal.teamId, runId: run.id, actor: principal.actor, reason });
  } catch (err) {
    if (!(err instanceof AppError && err.code === "conflict")) throw err; // ended meanwhile: fine
  }
  await refreshOpenRuns(threadId);
}

/** runs.cancel: the run's thread ends (its pause cannot be kept once the run is cancelled). */
export async function cancelLangGraphRun(params: { principal: Principal; threadId: string; runId: string }) {
  assertCan(params.principal, "runs.cancel");
  const row = await getLangGraphRunOrThrow({ teamId: params.principal.teamId, threadId: params.threadId, runId: params.runId });
  if (isFinal(row.status)) throw new AppError("conflict", `Run ${row.id} is already ${row.status} and cannot be cancelled.`);
  const { run } = await getThreadOrThrow({ teamId: params.principal.teamId, threadId: params.threadId });
  if (isActive(run))
    await cancelForLangGraph(params.principal, run, params.threadId, `cancelled through the LangGraph API (run ${row.id})`);
  return getLangGraphRunOrThrow({ teamId: params.principal.teamId, threadId: params.threadId, runId: params.runId });
}
