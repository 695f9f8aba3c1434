import "server-only";
import type { StateSnapshot } from "@langchain/langgraph";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { langgraphThreads, runs, type LangGraphRunRow } from "@/db/schema";
import type { Principal } from "@/lib/access/principal";
import { isFinal, refreshRun } from "./runs";
import { getSnapshot, headCheckpointId, jsonSafe, pendingInterruptsOf, snapshotsBetween } from "./state";
import { getThreadOrThrow } from "./threads";
import { watchRun } from "@/lib/realtime/run-events";
import { interruptFilterFor, queueFilterFor } from "./visibility";

/**
 * What a LangGraph run streams, rebuilt from its checkpoints rather than tapped from a live
 * invocation (the worker runs the graph, possibly in another process). For the checkpoints in
 * (base, end]: `updates` {node: writes} for the step that led to each, then its `values`;
 * where the run paused, `updates` and `values` {__interrupt__: [{id, value}]} as LangGraph emits
 * them; `error` if it failed; `end` last. Events are numbered in this order, so the sequence is
 * the same on every read: a client that reconnects with Last-Event-ID n gets the events after n.
 */

export interface StreamEvent {
  id: string;
  event: string;
  data: unknown;
}

const POLL_MS = 120;
/** One connection streams at most this long; the SDK then reconnects with Last-Event-ID. */
const MAX_CONNECTION_MS = 5 * 60_000;

export async function* runEvents(params: {
  principal: Principal;
  row: LangGraphRunRow;
  modes: string[];
  /** Last-Event-ID: events up to this one were received already (-1: none). */
  after: number;
  signal: AbortSignal;
}): AsyncGenerator<StreamEvent> {
  const wants = (mode: string) => params.modes.includes(mode);
  let seq = -1;
  const event = (name: string, data: unknown): StreamEvent | null => {
    seq += 1;
    return seq > params.after ? { id: String(seq), event: name, data } : null;
  };
  const out: StreamEvent[] = [];
  const push = (name: string, data: unknown) => {
    const e = event(name, data);
    if (e) out.push(e);
  };

  push("metadata", { run_id: params.row.id, attempt: 1 });
  const [link] = await getDb()
    .select({ run: runs })
    .from(langgraphThreads)
    .innerJoin(runs, eq(runs.id, langgraphThreads.runId))
    .where(eq(langgraphThreads.id, params.row.threadId));
  const engine = link?.run ?? null;
  let row = params.row;
  let lastId = row.baseCheckpointId;
  let valuesSent = false;
  const started = Date.now();
  // Status changes (paused, done, failed) wake the stream at once through NOTIFY; the interval
  // only paces intermediate steps, which are checkpoints, not run updates.
  const watch = engine ? await watchRun(engine.id) : null;
  try {
    while (!params.signal.aborted) {
      row = await refreshRun(row);
      const final = isFinal(row.status);
      const upTo = engine ? (final ? row.endCheckpointId : await headCheckpointId(engine)) : null;
      if (engine && upTo && (lastId === null || upTo > lastId)) {
        const { anchor, snapshots } = await snapshotsBetween(engine, lastId, upTo);
        let parent: StateSnapshot | null = anchor;
        for (const snapshot of snapshots) {
          if (parent && wants("updates")) {
            for (const t of parent.tasks)
              if (t.result !== undefined && t.name !== "__start__") push("updates", { [t.name]: jsonSafe(t.result) });
          }
          if (snapshot.metadata?.source !== "input" && wants("values")) {
            push("values", jsonSafe(snapshot.values));
            valuesSent = true;
          }
          parent = snapshot;
          lastId = String(snapshot.config?.configurable?.checkpoint_id);
        }
      }
      if (final) {
        if (row.status === "error") {
          const [current] = engine ? await getDb().select({ error: runs.error }).from(runs).where(eq(runs.id, engine.id)) : [];
          push("error", { error: "Error", message: current?.error?.message ?? "The run failed." });
        } else {
          if (!valuesSent && wants("values") && engine && row.endCheckpointId) {
            const end = await getSnapshot(engine, row.endCheckpointId);
            if (end) push("values", jsonSafe(end.values));
          }
          const visible = engine && row.interrupts.length > 0 ? await queueFilterFor(params.principal, engine.id) : () => false;
          const interrupts = row.interrupts.filter((i) => visible(i.id));
          if (interrupts.length > 0) {
            if (wants("updates")) push("updates", { __interrupt__: interrupts });
            if (wants("values")) push("values", { __interrupt__: interrupts });
          }
        }
        push("end", null);
      }
      yield* out.splice(0);
      if (final || Date.now() - started > MAX_CONNECTION_MS) return;
      if (watch) await watch.next(POLL_MS, params.signal);
      else await sleep(POLL_MS, params.signal);
    }
  } finally {
    watch?.close();
  }
}

/** What runs.wait and runs.join answer: the thread's values, with `__interrupt__` where it paused. */
export async function runOutcome(principal: Principal, threadId: string): Promise<unknown> {
  const record = await getThreadOrThrow({ teamId: principal.teamId, threadId });
  const run = record.run;
  if (!run) return {};
  if (run.status === "failed") return { __error__: { error: "Error", message: run.error?.message ?? "The run failed." } };
  const snapshot = await getSnapshot(run);
  const values = (snapshot ? jsonSafe(snapshot.values) : {}) as Record<string, unknown>;
  if (snapshot && record.status === "interrupted") {
    const interrupts = pendingInterruptsOf(snapshot, await interruptFilterFor(principal, run.id)).flatMap((t) => t.interrupts);
    if (interrupts.length > 0) return { ...values, __interrupt__: interrupts };
  }
  return values;
}

function sleep(ms: number, signal: AbortSignal) {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
