import "server-only";
import { and, desc, eq, lt } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { auditEvents, type Actor, type AuditEventRow } from "@/db/schema";
import { newId } from "@/lib/ids";

export interface AuditInput {
  teamId: string;
  actor: Actor;
  action: string;
  subjectType: string;
  subjectId: string;
  data?: Record<string, unknown>;
}

/** Append-only: there is no update or delete for audit events anywhere in the code. */
export async function recordAudit(db: DbOrTx, input: AuditInput) {
  await db.insert(auditEvents).values({
    id: newId("evt"),
    teamId: input.teamId,
    actorType: input.actor.type,
    actorId: input.actor.id,
    action: input.action,
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    data: input.data ?? {},
  });
}

export function toAuditEventDto(row: AuditEventRow) {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor: { type: row.actorType, id: row.actorId },
    action: row.action,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    data: row.data,
  };
}
export type AuditEventDto = ReturnType<typeof toAuditEventDto>;

export async function listAuditEvents(
  db: DbOrTx,
  params: { teamId: string; subjectId?: string; cursor?: string; limit: number },
) {
  const rows = await db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.teamId, params.teamId),
        params.subjectId ? eq(auditEvents.subjectId, params.subjectId) : undefined,
        params.cursor ? lt(auditEvents.id, params.cursor) : undefined,
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(params.limit + 1);
  const items = rows.slice(0, params.limit).map(toAuditEventDto);
  return { items, nextCursor: rows.length > params.limit ? items[items.length - 1].id : null };
}
