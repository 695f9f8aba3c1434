import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { notFound } from "@/lib/errors";
import { toAuditEventDto } from "./index";

/** One audit event of a team (another team's id is not found). */
export async function getAuditEventOrThrow(params: { teamId: string; eventId: string }, db: DbOrTx = getDb()) {
  const [row] = await db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.id, params.eventId), eq(auditEvents.teamId, params.teamId)))
    .limit(1);
  if (!row) throw notFound("audit event", params.eventId);
  return toAuditEventDto(row);
}
