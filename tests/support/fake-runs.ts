import { inArray, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { runs, tasks } from "@/db/schema";
import { newId } from "@/lib/ids";

/**
 * A run parked at `waiting` with `n` pending tasks (one interrupt each), written straight to the
 * tables: race tests need the state, not LangGraph, and must not start a worker (its jobs stay
 * queued, which is what they count).
 */
export async function fakeWaitingRun(teamId: string, n: number, options: { queue?: string } = {}) {
  const runId = newId("run");
  await getDb().insert(runs).values({ id: runId, teamId, workflow: "refund", status: "waiting", input: {} });
  const rows = Array.from({ length: n }, (_, i) => ({
    id: newId("task"),
    teamId,
    runId,
    interruptId: `intr-${runId}-${i}`,
    workflow: "refund",
    kind: "approval" as const,
    queue: options.queue ?? "default",
    title: `Task ${i}`,
    payload: { i },
    allowed: ["approve" as const, "reject" as const, "edit" as const],
  }));
  if (rows.length > 0) await getDb().insert(tasks).values(rows);
  return { runId, taskIds: rows.map((r) => r.id) };
}

/** graphile-worker jobs queued for these runs (by the per-run job key). */
export async function runJobs(runIds: string[]) {
  const { rows } = await getDb().execute<{ key: string }>(
    sql`select key from graphile_worker._private_jobs where key = any(${sql`array[${sql.join(
      runIds.map((id) => sql`${`run:${id}`}`),
      sql`, `,
    )}]::text[]`})`,
  );
  return rows.map((r) => r.key);
}

/** Removes the jobs of fake runs so that a later file's worker does not try to run them. */
export async function dropRunJobs(runIds: string[]) {
  if (runIds.length === 0) return;
  for (const id of runIds) await getDb().execute(sql`select graphile_worker.remove_job(${`run:${id}`})`);
  await getDb().update(runs).set({ status: "cancelled" }).where(inArray(runs.id, runIds));
}
