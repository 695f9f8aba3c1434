import "server-only";
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
