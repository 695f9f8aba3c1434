import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { tasks } from "@/db/schema";
import type { Principal } from "@/lib/access/principal";
import { queueVisibility } from "@/lib/access/visibility";
import type { InterruptFilter } from "./state";

/**
 * An interrupt is shown to a caller only while its task is pending and in a queue the caller
 * may see: the same rule as GET /api/v1/tasks, so a queue-limited member or key never reads
 * another queue's drafts through a thread.
 */
export async function pendingTasksOf(runId: string, db: DbOrTx = getDb()) {
  return db
    .select({
      id: tasks.id,
      interruptId: tasks.interruptId,
      interruptIndex: tasks.interruptIndex,
      queue: tasks.queue,
      allowed: tasks.allowed,
    })
    .from(tasks)
    .where(and(eq(tasks.runId, runId), eq(tasks.status, "pending")))
    .orderBy(tasks.id);
}

export async function interruptFilterFor(principal: Principal, runId: string, db: DbOrTx = getDb()): Promise<InterruptFilter> {
  const pending = await pendingTasksOf(runId, db);
  if (pending.length === 0) return () => false;
  const { canSee } = await queueVisibility(principal, db);
  const visible = new Set(pending.filter((t) => t.interruptId && canSee(t.queue)).map((t) => t.interruptId!));
  return (id) => visible.has(id);
}

/** Queue visibility alone (any task status): for replaying what a finished run showed. */
export async function queueFilterFor(principal: Principal, runId: string, db: DbOrTx = getDb()): Promise<InterruptFilter> {
  const rows = await db.select({ interruptId: tasks.interruptId, queue: tasks.queue }).from(tasks).where(eq(tasks.runId, runId));
  const { canSee } = await queueVisibility(principal, db);
  const visible = new Set(rows.filter((t) => t.interruptId && canSee(t.queue)).map((t) => t.interruptId!));
  return (id) => visible.has(id);
}
