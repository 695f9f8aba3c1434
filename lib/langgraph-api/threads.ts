import "server-only";
import { v7 as uuid7 } from "@langchain/core/utils/uuid";
import { and, asc, desc, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { langgraphThreads, runs, tasks, type LangGraphThreadRow, type RunRow } from "@/db/schema";
import type { Principal } from "@/lib/access/principal";
import { AppError, isUniqueViolation, notFound } from "@/lib/errors";
import type { ThreadSearchBody, ThreadStatus } from "./schemas";
import { emptyThreadState, getSnapshot, jsonSafe, pendingInterruptsOf, type Interrupt } from "./state";
import { interruptFilterFor } from "./visibility";

/**
 * Threads: the LangGraph SDK's name for one of our runs. A thread row holds only what LangGraph
 * adds (a UUID, metadata); status, values and interrupts come from the run it drives.
 */

const unappliedDecision = sql`exists (select 1 from ${tasks} where ${tasks.runId} = ${runs.id} and ${tasks.decision} is not null and ${tasks.appliedAt} is null and ${tasks.status} in ('decided', 'expired'))`;

/** busy while queued/running or while a recorded decision waits for the worker; interrupted while waiting. */
const threadStatus = sql<ThreadStatus>`case
  when ${langgraphThreads.runId} is null then 'idle'
  when ${runs.status} in ('queued', 'running') then 'busy'
  when ${runs.status} = 'waiting' and ${unappliedDecision} then 'busy'
  when ${runs.status} = 'waiting' then 'interrupted'
  when ${runs.status} = 'failed' then 'error'
  else 'idle' end`;

const updatedAt = sql`greatest(${langgraphThreads.updatedAt}, coalesce(${runs.updatedAt}, ${langgraphThreads.updatedAt}))`;

/** The same condition as `threadStatus = status`, written so that the runs indexes can help. */
function statusFilter(status: ThreadStatus): SQL | undefined {
  switch (status) {
    case "idle":
      return or(isNull(langgraphThreads.runId), inArray(runs.status, ["completed", "cancelled"]));
    case "busy":
      return or(inArray(runs.status, ["queued", "running"]), and(eq(runs.status, "waiting"), unappliedDecision));
    case "interrupted":
      return and(eq(runs.status, "waiting"), sql`not ${unappliedDecision}`);
    case "error":
      return eq(runs.status, "failed");
  }
}

export interface ThreadRecord {
  thread: LangGraphThreadRow;
  run: RunRow | null;
  status: ThreadStatus;
}

function selectThreads(db: DbOrTx) {
  return db
    .select({ thread: langgraphThreads, run: runs, status: threadStatus })
    .from(langgraphThreads)
    .leftJoin(runs, eq(runs.id, langgraphThreads.runId));
}

export async function getThreadOrThrow(params: { teamId: string; threadId: string }, db: DbOrTx = getDb()): Promise<ThreadRecord> {
  const [row] = await selectThreads(db)
    .where(and(eq(langgraphThreads.id, params.threadId), eq(langgraphThreads.teamId, params.teamId)))
    .limit(1);
  if (!row) throw notFound("thread", params.threadId);
  return row;
}

/** The Thread object of the SDK. `withState: false` skips reading the checkpoint (values, interrupts). */
export async function toThreadDto(principal: Principal, record: ThreadRecord, options: { withState?: boolean } = {}) {
  const { thread, run, status } = record;
  let values: unknown = {};
  let interrupts: Record<string, Interrupt[]> = {};
  if (run && options.withState !== false) {
    const snapshot = await getSnapshot(run);
    values = snapshot ? jsonSafe(snapshot.values) : emptyThreadState().values;
    if (snapshot && status === "interrupted") {
      const visible = await interruptFilterFor(principal, run.id);
      interrupts = Object.fromEntries(pendingInterruptsOf(snapshot, visible).map((t) => [t.taskId, t.interrupts]));
    }
  }
  const updated = run && run.updatedAt > thread.updatedAt ? run.updatedAt : thread.updatedAt;
  return {
    thread_id: thread.id,
    created_at: thread.createdAt.toISOString(),
    updated_at: updated.toISOString(),
    state_updated_at: (run?.updatedAt ?? thread.updatedAt).toISOString(),
    metadata: thread.metadata,
    status,
    values,
    interrupts,
    config: {},
    error: run?.status === "failed" ? (run.error?.message ?? "The run failed.") : null,
  };
}
export type ThreadDto = Awaited<ReturnType<typeof toThreadDto>>;

export async function createThread(params: {
  teamId: string;
  threadId?: string | null;
  metadata?: Record<string, unknown> | null;
  ifExists?: "raise" | "do_nothing" | null;
}): Promise<ThreadRecord> {
  const id = params.threadId ?? uuid7();
  const db = getDb();
  try {
    await db.insert(langgraphThreads).values({ id, teamId: params.teamId, metadata: params.metadata ?? {} });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    // Another team's thread with this id answers exactly like our own, without showing it.
    const existing = await getThreadOrThrow({ teamId: params.teamId, threadId: id }).catch(() => null);
    if (!existing || params.ifExists !== "do_nothing") throw new AppError("conflict", `Thread ${id} already exists.`);
    return existing;
  }
  return getThreadOrThrow({ teamId: params.teamId, threadId: id });
}

const SORT_COLUMNS = {
  thread_id: langgraphThreads.id,
  status: threadStatus,
  created_at: langgraphThreads.createdAt,
  updated_at: updatedAt,
  state_updated_at: updatedAt,
} as const;

function searchWhere(teamId: string, query: Pick<ThreadSearchBody, "metadata" | "ids" | "status" | "values">) {
  if (query.values && Object.keys(query.values).length > 0) {
    throw new AppError("invalid_request", "values: filtering threads by values is not supported; filter by metadata or status.");
  }
  return and(
    eq(langgraphThreads.teamId, teamId),
    query.metadata && Object.keys(query.metadata).length > 0
      ? sql`${langgraphThreads.metadata} @> ${JSON.stringify(query.metadata)}::jsonb`
      : undefined,
    query.ids && query.ids.length > 0 ? inArray(langgraphThreads.id, query.ids) : undefined,
    query.status ? statusFilter(query.status) : undefined,
  );
}

export async function searchThreads(principal: Principal, query: ThreadSearchBody) {
  const sortColumn = SORT_COLUMNS[query.sort_by ?? "created_at"];
  const direction = query.sort_order === "asc" ? asc : desc;
  const rows = await selectThreads(getDb())
    .where(searchWhere(principal.teamId, query))
    .orderBy(direction(sortColumn), direction(langgraphThreads.id))
    .limit(query.limit ?? 10)
    .offset(query.offset ?? 0);
  const select = query.select ? new Set(query.select) : null;
  const withState = !select || select.has("values") || select.has("interrupts");
  const threads = await mapLimit(rows, 4, (row) => toThreadDto(principal, row, { withState }));
  if (!select) return threads;
  return threads.map((t) => Object.fromEntries(Object.entries(t).filter(([k]) => select.has(k))));
}

export async function countThreads(teamId: string, query: Pick<ThreadSearchBody, "metadata" | "status" | "values">) {
  const [row] = await getDb()
    .select({ n: sql<number>`count(*)::int` })
    .from(langgraphThreads)
    .leftJoin(runs, eq(runs.id, langgraphThreads.runId))
    .where(searchWhere(teamId, query));
  return row?.n ?? 0;
}

/** Merges metadata into the thread's (LangGraph's PATCH semantics). */
export async function patchThread(params: { teamId: string; threadId: string; metadata: Record<string, unknown> }) {
  const [row] = await getDb()
    .update(langgraphThreads)
    .set({ metadata: sql`${langgraphThreads.metadata} || ${JSON.stringify(params.metadata)}::jsonb`, updatedAt: new Date() })
    .where(and(eq(langgraphThreads.id, params.threadId), eq(langgraphThreads.teamId, params.teamId)))
    .returning({ id: langgraphThreads.id });
  if (!row) throw notFound("thread", params.threadId);
  return getThreadOrThrow(params);
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}
