import "server-only";
import { sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import type { Principal } from "@/lib/access/principal";
import { queueVisibility } from "@/lib/access/visibility";

export interface QueueSummary {
  name: string;
  description: string | null;
  pending: number;
  overdue: number;
  oldestCreatedAt: string | null;
  canDecide: boolean;
}

/** Each queue the principal may see, with pending count, oldest pending age and overdue count. */
export async function queueSummaries(principal: Principal, db: DbOrTx = getDb()): Promise<QueueSummary[]> {
  const visibility = await queueVisibility(principal, db);
  const visible = visibility.queueFilter(sql`q.name`);
  const result = await db.execute<{
    name: string;
    description: string | null;
    pending: number;
    overdue: number;
    oldest: string | null;
  }>(sql`
    select q.name, q.description,
      count(t.id)::int as pending,
      count(t.id) filter (where t.due_at < now())::int as overdue,
      min(t.created_at) as oldest
    from queues q
    left join tasks t on t.team_id = q.team_id and t.queue = q.name and t.status = 'pending'
    where q.team_id = ${principal.teamId}${visible ? sql` and ${visible}` : sql``}
    group by q.name, q.description
    order by q.name`);
  return result.rows.map((r) => ({
    name: r.name,
    description: r.description,
    pending: r.pending,
    overdue: r.overdue,
    oldestCreatedAt: r.oldest ? new Date(r.oldest).toISOString() : null,
    canDecide: visibility.canWork(r.name),
  }));
}
