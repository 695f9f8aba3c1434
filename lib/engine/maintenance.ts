import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { sweepIdempotencyKeys } from "@/lib/idempotency";
import { expireOverdueTasks, sweepUnappliedDecisions } from "@/lib/tasks/expire";

/**
 * Periodic housekeeping, run by every worker on its heartbeat (each step is safe to run
 * concurrently on many workers): expire overdue tasks, re-enqueue resumes that were lost,
 * forget idempotency keys older than 24 hours.
 */
export async function runMaintenance(db: DbOrTx) {
  const expired = await expireOverdueTasks(db);
  const resumed = await sweepUnappliedDecisions(db);
  const keysDeleted = await sweepIdempotencyKeys(db);
  return { expired, resumed, keysDeleted };
}

/**
 * Every run has its own graphile-worker job queue (`run:<id>`: one job at a time per run), and
 * graphile-worker keeps a queue's row after its last job. Its job lookup locks every queue row
 * (`for update skip locked`), so without this each lookup grows with every run ever started.
 * graphile-worker's own GC_JOB_QUEUES can drop the queue of a job that is being added in a
 * transaction not yet committed (there is no foreign key), leaving that job in a queue that no
 * longer exists, never run. A SHARE lock on the jobs table waits for such transactions to commit
 * first, and new job writes queue behind it while it waits: so it runs every few heartbeats
 * (lib/engine/worker.ts) and gives up after 100 ms, leaving the queues for the next time.
 */
export async function dropEmptyJobQueues(db: DbOrTx): Promise<number> {
  try {
    return await db.transaction(async (tx) => {
      await tx.execute(sql`set local lock_timeout = '100ms'`);
      await tx.execute(sql`lock table graphile_worker._private_jobs in share mode`);
      const result = await tx.execute(sql`
        delete from graphile_worker._private_job_queues q
         where q.locked_at is null
           and not exists (select 1 from graphile_worker._private_jobs j where j.job_queue_id = q.id)`);
      return result.rowCount ?? 0;
    });
  } catch (err) {
    const e = err as { code?: string; cause?: { code?: string } };
    if (e.code === "55P03" || e.cause?.code === "55P03") return 0; // lock_timeout: busy, next time
    throw err;
  }
}
