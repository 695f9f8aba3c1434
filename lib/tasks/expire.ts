import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { enqueueAdvance } from "@/lib/jobs";
import { sweepDeadlines } from "./deadlines";

/**
 * Tasks past their due date get their declared outcome (lib/tasks/deadlines: expire, reject,
 * approve or escalate). Each task's deadline job normally does it at the due time; this sweep,
 * run on every worker heartbeat, catches the ones whose job was lost.
 */
export async function expireOverdueTasks(db: DbOrTx) {
  return sweepDeadlines(db);
}

/**
 * The safety net for "nothing lost": a waiting run with a decision that no resume has applied,
 * and no job queued to apply it, gets its resume job. Normally the decision's own transaction
 * enqueues it; this covers jobs lost to an operator's purge or a failed final attempt.
 * A decided task whose interrupt still waits on a pending sibling is not stuck, only waiting.
 */
export async function sweepUnappliedDecisions(db: DbOrTx, options: { olderThanSeconds?: number } = {}) {
  // A task's thread is its child run's when its run fanned out (child_run_id), else its run's.
  const stuck = await db.execute<{ run_id: string }>(sql`
    select distinct r.id as run_id from tasks t
    join runs r on r.id = coalesce(t.child_run_id, t.run_id)
    where r.status = 'waiting'
      and t.status in ('decided', 'expired') and t.decision is not null and t.applied_at is null
      and t.decided_at < now() - make_interval(secs => ${options.olderThanSeconds ?? 30})
      and not exists (select 1 from tasks p where p.run_id = t.run_id and p.interrupt_id = t.interrupt_id and p.status = 'pending')
      and not exists (select 1 from graphile_worker._private_jobs j where j.key = 'run:' || r.id)
    limit 500`);
  for (const { run_id } of stuck.rows) await enqueueAdvance(db, run_id);
  return stuck.rows.length;
}
