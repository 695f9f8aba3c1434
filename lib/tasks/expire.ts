import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { recordAudit } from "@/lib/audit";
import { enqueueAdvance } from "@/lib/jobs";
import { publishTaskEvents } from "./events";
import { recordTaskEvents } from "./webhook-events";

/**
 * Tasks past their due date expire. The agent receives a rejection from the system (it must
 * not act without a human), so the run moves on instead of waiting forever. One transaction:
 * the status change, its audit events, the live events and the follow-up jobs commit together,
 * so a crash in between cannot leave a run waiting on an expired task with no resume queued.
 */
export async function expireOverdueTasks(db: DbOrTx) {
  return db.transaction(async (tx) => {
    const expired = await tx.execute<{
      id: string;
      team_id: string;
      run_id: string | null;
      child_run_id: string | null;
      queue: string;
      callback_url: string | null;
    }>(sql`
      update tasks set status = 'expired', decided_at = now(),
        decision = jsonb_build_object('action', 'reject', 'comment', 'Expired: no decision before the due date.',
          'actor', jsonb_build_object('type', 'system', 'id', 'expiry'), 'at', to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
      where id in (select id from tasks where status = 'pending' and due_at < now() order by due_at limit 200 for update skip locked)
      returning id, team_id, run_id, child_run_id, queue, callback_url`);
    const runIds = new Set<string>();
    for (const t of expired.rows) {
      await recordAudit(tx, {
        teamId: t.team_id,
        actor: { type: "system", id: "expiry" },
        action: "task.expired",
        subjectType: "task",
        subjectId: t.id,
        data: { runId: t.run_id, queue: t.queue },
      });
      if (t.run_id) runIds.add(t.child_run_id ?? t.run_id); // the thread the expiry resumes
    }
    for (const runId of runIds) await enqueueAdvance(tx, runId);
    await recordTaskEvents(
      tx,
      expired.rows.filter((t) => t.callback_url).map((t) => t.id),
    );
    await publishTaskEvents(
      tx,
      "expired",
      expired.rows.map((t) => ({ teamId: t.team_id, queue: t.queue })),
    );
    return expired.rows.length;
  });
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
