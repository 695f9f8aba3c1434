import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import type { TaskEvent } from "@/lib/realtime/task-events";

/**
 * Publishes live task events (lib/realtime) inside the caller's transaction: NOTIFY is delivered
 * at commit, so a queue refreshes exactly when the change is visible, and never for a rollback.
 * One event per team, listing the queues touched.
 */
export async function publishTaskEvents(db: DbOrTx, event: TaskEvent["event"], changed: { teamId: string; queue: string }[]) {
  const byTeam = new Map<string, { queues: Set<string>; count: number }>();
  for (const t of changed) {
    const entry = byTeam.get(t.teamId) ?? { queues: new Set<string>(), count: 0 };
    entry.queues.add(t.queue);
    entry.count += 1;
    byTeam.set(t.teamId, entry);
  }
  for (const [teamId, { queues, count }] of byTeam) {
    const payload: TaskEvent = { teamId, event, queues: [...queues], count };
    await db.execute(sql`select pg_notify('acl_tasks', ${JSON.stringify(payload)})`);
  }
}
