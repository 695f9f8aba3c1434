import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { recordAudit } from "@/lib/audit";
import { enqueueAdvance } from "@/lib/jobs";
import { recordTaskEvents } from "./webhook-events";

/**
 * Tasks past their due date expire. The agent receives a rejection from the system (it must
 * not act without a human), so the run moves on instead of waiting forever.
 */
export async function expireOverdueTasks(db: DbOrTx) {
  const expired = await db.execute<{ id: string; team_id: string; run_id: string | null }>(sql`
    update tasks set status = 'expired', decided_at = now(),
      decision = jsonb_build_object('action', 'reject', 'comment', 'Expired: no decision before the due date.',
        'actor', jsonb_build_object('type', 'system', 'id', 'expiry'), 'at', to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
    where id in (select id from tasks where status = 'pending' and due_at < now() order by due_at limit 200 for update skip locked)
    returning id, team_id, run_id`);
  for (const t of expired.rows) {
    await recordAudit(db, {
      teamId: t.team_id,
      actor: { type: "system", id: "expiry" },
      action: "task.expired",
      subjectType: "task",
      subjectId: t.id,
      data: { runId: t.run_id },
    });
    if (t.run_id) await enqueueAdvance(db, t.run_id);
  }
  await recordTaskEvents(
    db,
    expired.rows.map((t) => t.id),
  );
  return expired.rows.length;
}
