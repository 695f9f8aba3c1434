import "server-only";
import { and, desc, eq, inArray, isNull, lt, notInArray, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import { getDb } from "@/db/client";
import { runs, tasks, type Actor, type RunRow, type RunStatus } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { env } from "@/lib/env";
import { AppError, describeZodError, notFound } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { enqueueAdvance } from "@/lib/jobs";
import { assertOutboundQuota } from "@/lib/mail";
import { getWorkflow, isChildWorkflow } from "@/lib/workflows";
import { cancelChildren } from "./children";
import { toRunDto } from "./dto";
import { keysetPage } from "@/lib/pagination";
import { watchRun } from "@/lib/realtime/run-events";
import { publishTaskEvents } from "@/lib/tasks/events";
import { recordTaskEvents } from "@/lib/tasks/webhook-events";

export const TERMINAL_RUN_STATUSES: RunStatus[] = ["completed", "failed", "cancelled"];

/**
 * Pending task ids per run. A run that fanned out lists its children's tasks too (their `runId`
 * is the run the client started); a child run lists its own (`childRunId`).
 */
export async function pendingTaskIdsFor(db: DbOrTx, runIds: string[]) {
  const map = new Map<string, string[]>();
  if (runIds.length === 0) return map;
  const rows = await db
    .select({ id: tasks.id, runId: tasks.runId, childRunId: tasks.childRunId })
    .from(tasks)
    .where(and(or(inArray(tasks.runId, runIds), inArray(tasks.childRunId, runIds)), eq(tasks.status, "pending")))
    .orderBy(tasks.id);
  const wanted = new Set(runIds);
  for (const r of rows) {
    for (const runId of [r.runId, r.childRunId]) if (runId && wanted.has(runId)) map.set(runId, [...(map.get(runId) ?? []), r.id]);
  }
  return map;
}

async function withPending(db: DbOrTx, run: RunRow) {
  const pending = await pendingTaskIdsFor(db, [run.id]);
  return toRunDto(run, pending.get(run.id) ?? []);
}

interface StartRunParams {
  teamId: string;
  workflow: string;
  input: unknown;
  metadata?: Record<string, unknown>;
  actor: Actor;
}

/**
 * Starts a run: the row, its first job and the audit event commit together, and with them
 * whatever `inTransaction` writes about the new run (the API's idempotency key).
 */
export async function startRun(params: StartRunParams & { inTransaction?: (tx: Tx, run: RunDto) => Promise<void> }) {
  return getDb().transaction(async (tx) => {
    const dto = toRunDto(await insertRun(params, tx), []);
    await params.inTransaction?.(tx, dto);
    return dto;
  });
}
type RunDto = ReturnType<typeof toRunDto>;

/**
 * startRun inside the caller's transaction, for services that link the new run to rows of
 * their own atomically (a LangGraph thread). Unknown workflow or invalid input → 400.
 */
export async function insertRun(params: StartRunParams, tx: Tx): Promise<RunRow> {
  const def = getWorkflow(params.workflow);
  if (!def || isChildWorkflow(def.id))
    throw new AppError("invalid_request", `workflow: unknown workflow '${params.workflow}'. GET /api/v1/workflows lists them.`);
  const parsed = def.inputSchema.safeParse(params.input ?? {});
  if (!parsed.success) {
    throw new AppError("invalid_request", describeZodError(parsed.error, "input", "input."));
  }
  const emails = def.outboundEmails?.(parsed.data) ?? 0;
  if (emails > 0) await assertOutboundQuota({ teamId: params.teamId, emails }, tx);
  const id = newId("run");
  const [row] = await tx
    .insert(runs)
    .values({ id, teamId: params.teamId, workflow: def.id, input: parsed.data, metadata: params.metadata ?? {}, createdBy: params.actor })
    .returning();
  await enqueueAdvance(tx, id);
  await recordAudit(tx, {
    teamId: params.teamId,
    actor: params.actor,
    action: "run.started",
    subjectType: "run",
    subjectId: id,
    data: { workflow: def.id },
  });
  return row!;
}

/**
 * `visible` (lib/access/visibility: runFilter) hides runs with a task in a queue the caller may
 * not see: they are 404, like another team's.
 */
export interface RunScope {
  teamId: string;
  runId: string;
  visible?: SQL;
}

export async function getRunRowOrThrow(params: RunScope, db: DbOrTx = getDb()) {
  const [run] = await db
    .select()
    .from(runs)
    .where(and(eq(runs.id, params.runId), eq(runs.teamId, params.teamId), params.visible))
    .limit(1);
  if (!run) throw notFound("run", params.runId);
  return run;
}

export async function getRunOrThrow(params: RunScope, db: DbOrTx = getDb()) {
  return withPending(db, await getRunRowOrThrow(params, db));
}

/** Long-poll: returns once the run leaves queued/running, or after `waitSeconds`. Woken by NOTIFY, not polling. */
export async function waitForRun(params: RunScope & { waitSeconds: number; signal?: AbortSignal }) {
  const deadline = Date.now() + params.waitSeconds * 1000;
  const watch = await watchRun(params.runId); // before the first read: a change in between still wakes us
  try {
    let run = await getRunRowOrThrow(params);
    while ((run.status === "queued" || run.status === "running") && Date.now() < deadline && !params.signal?.aborted) {
      // The fallback re-read only matters if the listening connection dropped a notification.
      await watch.next(Math.min(env().ACL_WAIT_FALLBACK_MS, deadline - Date.now()), params.signal);
      run = await getRunRowOrThrow(params);
    }
    return withPending(getDb(), run);
  } finally {
    watch.close();
  }
}

/** Top-level runs (the ones clients started), or with `parentRunId` that run's child runs. */
export async function listRuns(
  params: { teamId: string; status?: RunStatus; workflow?: string; parentRunId?: string; cursor?: string; limit: number; visible?: SQL },
  db: DbOrTx = getDb(),
) {
  const rows = await db
    .select()
    .from(runs)
    .where(
      and(
        eq(runs.teamId, params.teamId),
        params.status ? eq(runs.status, params.status) : undefined,
        params.workflow ? eq(runs.workflow, params.workflow) : undefined,
        params.parentRunId ? eq(runs.parentRunId, params.parentRunId) : isNull(runs.parentRunId),
        params.cursor ? lt(runs.id, params.cursor) : undefined,
        params.visible,
      ),
    )
    .orderBy(desc(runs.id))
    .limit(params.limit + 1);
  const pending = await pendingTaskIdsFor(
    db,
    rows.slice(0, params.limit).map((r) => r.id),
  );
  return keysetPage(rows, params.limit, (r) => toRunDto(r, pending.get(r.id) ?? []));
}

/** Cancels a non-terminal run; its pending tasks become `cancelled`. Terminal runs → 409. */
export async function cancelRun(params: RunScope & { actor: Actor; reason?: string }) {
  return getDb().transaction(async (tx) => {
    const [run] = await tx
      .select()
      .from(runs)
      .where(and(eq(runs.id, params.runId), eq(runs.teamId, params.teamId), params.visible))
      .for("update")
      .limit(1);
    if (!run) throw notFound("run", params.runId);
    if (TERMINAL_RUN_STATUSES.includes(run.status)) {
      throw new AppError("conflict", `Run ${run.id} is already ${run.status} and cannot be cancelled.`);
    }
    if (run.parentRunId) {
      throw new AppError("conflict", `Run ${run.id} is a child run of ${run.parentRunId}: cancel run ${run.parentRunId} instead.`);
    }
    const now = new Date();
    const [updated] = await tx
      .update(runs)
      .set({ status: "cancelled", updatedAt: now, completedAt: now })
      .where(eq(runs.id, run.id))
      .returning();
    // Its child runs end with it; their tasks carry this run's id and are cancelled below.
    await cancelChildren(tx, run.id);
    const cancelled = await tx
      .update(tasks)
      .set({ status: "cancelled" })
      .where(and(eq(tasks.runId, run.id), eq(tasks.status, "pending")))
      .returning({ id: tasks.id, queue: tasks.queue });
    await recordTaskEvents(
      tx,
      cancelled.map((t) => t.id),
    );
    await recordAudit(tx, {
      teamId: params.teamId,
      actor: params.actor,
      action: "run.cancelled",
      subjectType: "run",
      subjectId: run.id,
      data: {
        before: { status: run.status },
        after: { status: "cancelled" },
        cancelledTaskIds: cancelled.map((t) => t.id).sort(), // sorted: UPDATE … RETURNING has no order
        reason: params.reason ?? null,
      },
    });
    await publishTaskEvents(
      tx,
      "cancelled",
      cancelled.map((t) => ({ teamId: params.teamId, queue: t.queue })),
    );
    return toRunDto(updated!, []);
  });
}

/** Moves a run to a new status unless it was cancelled meanwhile (cancel always wins). */
export async function setRunStatus(
  db: DbOrTx,
  runId: string,
  patch: { status: RunStatus; output?: unknown; error?: { message: string } | null },
) {
  const terminal = TERMINAL_RUN_STATUSES.includes(patch.status);
  await db
    .update(runs)
    .set({
      status: patch.status,
      updatedAt: new Date(),
      ...(patch.output !== undefined ? { output: patch.output } : {}),
      ...(patch.error !== undefined ? { error: patch.error } : {}),
      ...(terminal ? { completedAt: sql`coalesce(${runs.completedAt}, now())` } : {}),
    })
    .where(and(eq(runs.id, runId), notInArray(runs.status, TERMINAL_RUN_STATUSES)));
}
