import "server-only";
import type { LangGraphRunnableConfig, StateSnapshot } from "@langchain/langgraph";
import { getPool } from "@/db/client";
import type { RunRow } from "@/db/schema";
import { CHECKPOINT_SCHEMA } from "@/db/migrate";
import { compiledGraph } from "@/lib/engine/advance";
import { getWorkflow } from "@/lib/workflows";

/**
 * The graph state of a thread, read from the engine's checkpointer (the engine's thread id is
 * our run id) and shown the way LangGraph shows it: checkpoints name the LangGraph thread id,
 * and an interrupt is pending only while its task has no result (LangGraph also lists answered
 * siblings; the engine, and therefore this API, does not).
 */

interface HistoryOptions {
  limit?: number;
  before?: LangGraphRunnableConfig;
  filter?: Record<string, unknown>;
}
interface StateReader {
  getState(config: LangGraphRunnableConfig): Promise<StateSnapshot>;
  getStateHistory(config: LangGraphRunnableConfig, options?: HistoryOptions): AsyncIterableIterator<StateSnapshot>;
}

export interface Interrupt {
  id: string;
  value: unknown;
}

export interface Checkpoint {
  thread_id: string;
  checkpoint_ns: string;
  checkpoint_id: string | null;
  checkpoint_map: null;
}

export interface ThreadState {
  values: unknown;
  next: string[];
  checkpoint: Checkpoint | null;
  metadata: Record<string, unknown>;
  created_at: string | null;
  parent_checkpoint: Checkpoint | null;
  tasks: Array<{
    id: string;
    name: string;
    error: string | null;
    interrupts: Interrupt[];
    checkpoint: null;
    state: null;
    result?: unknown;
  }>;
}

/** Which interrupt ids the caller may see (their tasks are in queues visible to it). */
export type InterruptFilter = (interruptId: string) => boolean;

export function engineConfig(run: Pick<RunRow, "id">, checkpointId?: string | null): LangGraphRunnableConfig {
  return { configurable: { thread_id: run.id, checkpoint_ns: "", ...(checkpointId ? { checkpoint_id: checkpointId } : {}) } };
}

/** The compiled graph of the run's workflow, or null when it is not registered here. */
export function readerFor(run: Pick<RunRow, "workflow">): StateReader | null {
  const def = getWorkflow(run.workflow);
  return def ? (compiledGraph(def) as unknown as StateReader) : null;
}

export const emptyThreadState = (): ThreadState => ({
  values: {},
  next: [],
  checkpoint: null,
  metadata: {},
  created_at: null,
  parent_checkpoint: null,
  tasks: [],
});

/**
 * The newest checkpoint id of a run's thread, without loading its values: the stream polls
 * this to notice progress. Reads PostgresSaver's table directly (its primary key covers it).
 */
export async function headCheckpointId(run: Pick<RunRow, "id">): Promise<string | null> {
  const res = await getPool().query<{ checkpoint_id: string }>(
    `select checkpoint_id from "${CHECKPOINT_SCHEMA}".checkpoints where thread_id = $1 and checkpoint_ns = '' order by checkpoint_id desc limit 1`,
    [run.id],
  );
  return res.rows[0]?.checkpoint_id ?? null;
}

export async function getSnapshot(run: RunRow, checkpointId?: string | null): Promise<StateSnapshot | null> {
  const reader = readerFor(run);
  if (!reader) return null;
  const snapshot = await reader.getState(engineConfig(run, checkpointId));
  return snapshot.config?.configurable?.checkpoint_id ? snapshot : null;
}

export async function listSnapshots(run: RunRow, options: HistoryOptions): Promise<StateSnapshot[]> {
  const reader = readerFor(run);
  if (!reader) return [];
  const out: StateSnapshot[] = [];
  for await (const s of reader.getStateHistory(engineConfig(run), options)) out.push(s);
  return out;
}

/**
 * The snapshots a run produced after `afterId` up to `upToId` (inclusive), oldest first, and the
 * snapshot at `afterId` itself, read now (its tasks' results are the updates that led on).
 * Checkpoint ids are time-ordered, as PostgresSaver's own ordering relies on.
 */
export async function snapshotsBetween(run: RunRow, afterId: string | null, upToId: string, max = 1000) {
  const reader = readerFor(run);
  const newer: StateSnapshot[] = [];
  let anchor: StateSnapshot | null = null;
  if (!reader) return { anchor, snapshots: newer };
  for await (const s of reader.getStateHistory(engineConfig(run))) {
    const id = String(s.config?.configurable?.checkpoint_id ?? "");
    if (id > upToId) continue;
    if (afterId !== null && id <= afterId) {
      if (id === afterId) anchor = s;
      break;
    }
    newer.push(s);
    if (newer.length >= max) break;
  }
  return { anchor, snapshots: newer.reverse() };
}

/** Interrupts still waiting for an answer in this snapshot, as LangGraph shows them. */
export function pendingInterruptsOf(
  snapshot: StateSnapshot,
  visible: InterruptFilter = () => true,
): Array<{ taskId: string; interrupts: Interrupt[] }> {
  return snapshot.tasks
    .filter((t) => t.result === undefined)
    .map((t) => ({
      taskId: t.id,
      interrupts: (t.interrupts ?? [])
        .filter((i): i is { id: string; value: unknown } => typeof i.id === "string" && visible(i.id))
        .map((i) => ({ id: i.id, value: jsonSafe(i.value) })),
    }))
    .filter((t) => t.interrupts.length > 0);
}

const checkpointOf = (config: LangGraphRunnableConfig | undefined, threadId: string): Checkpoint | null => {
  const id = config?.configurable?.checkpoint_id;
  return typeof id === "string" ? { thread_id: threadId, checkpoint_ns: "", checkpoint_id: id, checkpoint_map: null } : null;
};

export function toThreadState(snapshot: StateSnapshot, threadId: string, visible: InterruptFilter = () => true): ThreadState {
  const metadata = { ...(snapshot.metadata ?? {}) } as Record<string, unknown>;
  if ("thread_id" in metadata) metadata.thread_id = threadId; // never the engine's id
  delete metadata.team_id;
  return {
    values: jsonSafe(snapshot.values),
    next: [...snapshot.next],
    checkpoint: checkpointOf(snapshot.config, threadId),
    metadata,
    created_at: snapshot.createdAt ?? null,
    parent_checkpoint: checkpointOf(snapshot.parentConfig, threadId),
    tasks: snapshot.tasks.map((t) => ({
      id: t.id,
      name: t.name,
      error: t.error == null ? null : t.error instanceof Error ? t.error.message : String(t.error),
      interrupts:
        t.result === undefined
          ? (t.interrupts ?? [])
              .filter((i) => typeof i.id === "string" && visible(i.id))
              .map((i) => ({ id: i.id!, value: jsonSafe(i.value) }))
          : [],
      checkpoint: null,
      state: null,
      ...(t.result !== undefined ? { result: jsonSafe(t.result) } : {}),
    })),
  };
}

/**
 * JSON the SDK understands: LangChain messages become the plain dicts LangGraph servers send
 * ({type: "ai", content, …}) instead of their constructor serialisation; dates become strings.
 */
export function jsonSafe(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== "object") return value;
  if (depth > 100) return null;
  if (Array.isArray(value)) return value.map((v) => jsonSafe(v, depth + 1));
  if (value instanceof Date) return value.toISOString();
  const message = value as { _getType?: () => string; lc_kwargs?: Record<string, unknown> };
  if (typeof message._getType === "function" && message.lc_kwargs) {
    return { ...(jsonSafe(message.lc_kwargs, depth + 1) as object), type: message._getType() };
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonSafe(v, depth + 1)]));
}
