import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";

export type JobName = "run:advance" | "mail:deliver" | "mail:digest" | "webhook:deliver" | "task:timeout" | "task:remind";

/**
 * Enqueue a graphile-worker job through the caller's connection, so the job commits or
 * rolls back with the state change that caused it.
 */
export async function enqueueJob(
  db: DbOrTx,
  name: JobName,
  payload: Record<string, unknown>,
  options: {
    queueName?: string;
    jobKey?: string;
    /** graphile-worker's job_key_mode: "preserve_run_at" keeps a pending job's time (a digest is not postponed by each new task). */
    jobKeyMode?: "replace" | "preserve_run_at";
    maxAttempts?: number;
    runAt?: Date;
  } = {},
) {
  await db.execute(sql`select graphile_worker.add_job(
    ${name}::text,
    ${JSON.stringify(payload)}::json,
    queue_name => ${options.queueName ?? null}::text,
    run_at => ${options.runAt?.toISOString() ?? null}::timestamptz,
    max_attempts => ${options.maxAttempts ?? 10}::int,
    job_key => ${options.jobKey ?? null}::text,
    job_key_mode => ${options.jobKeyMode ?? "replace"}::text
  )`);
}

/**
 * The job that moves a run forward. Every job of a run shares one queue and one key: never two
 * at once, and jobs enqueued while one waits coalesce (lib/engine/advance.ts runs it).
 */
export async function enqueueAdvance(db: DbOrTx, runId: string, options: { delayMs?: number } = {}) {
  await enqueueJob(
    db,
    "run:advance",
    { runId },
    {
      queueName: `run:${runId}`,
      jobKey: `run:${runId}`,
      maxAttempts: 5,
      runAt: options.delayMs ? new Date(Date.now() + options.delayMs) : undefined,
    },
  );
}

/**
 * The run whose thread a decision on `task` resumes: the child run when the task's run fanned out
 * (lib/hitl fanOut: each item waits in its own thread), the task's run otherwise; null for a
 * standalone task (no run).
 */
export function resumedRunId(task: { runId: string | null; childRunId: string | null }): string | null {
  return task.runId ? (task.childRunId ?? task.runId) : null;
}

/** `enqueueAdvance` for many runs in one statement (a bulk decision: one job per run). */
export async function enqueueAdvances(db: DbOrTx, runIds: string[]) {
  if (runIds.length === 0) return;
  await db.execute(sql`select graphile_worker.add_job(
    'run:advance',
    json_build_object('runId', r),
    queue_name => 'run:' || r,
    max_attempts => 5,
    job_key => 'run:' || r
  ) from json_array_elements_text(${JSON.stringify(runIds)}::json) as r`);
}
