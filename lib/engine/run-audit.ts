import "server-only";
import type { DbOrTx } from "@/db/client";
import type { RunRow } from "@/db/schema";
import { recordAudit } from "@/lib/audit";

/** An audit event the engine itself records about a run (actor `system:engine`, subject the run). */
export async function recordEngineAudit(db: DbOrTx, run: Pick<RunRow, "id" | "teamId">, action: string, data: Record<string, unknown>) {
  await recordAudit(db, {
    teamId: run.teamId,
    actor: { type: "system", id: "engine" },
    action,
    subjectType: "run",
    subjectId: run.id,
    data,
  });
}
