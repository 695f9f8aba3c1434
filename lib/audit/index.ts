import "server-only";
import { and, desc, eq, gte, like, lt, lte, type SQL } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { auditEvents, type Actor, type AuditEventRow } from "@/db/schema";
import type { AuditEvent } from "@/lib/contract";
import { newId } from "@/lib/ids";
import { keysetPage } from "@/lib/pagination";

export interface AuditInput {
  teamId: string;
  actor: Actor;
  action: string;
  subjectType: string;
  subjectId: string;
  data?: Record<string, unknown>;
}

const auditRow = (input: AuditInput) => ({
  id: newId("evt"),
  teamId: input.teamId,
  actorType: input.actor.type,
  actorId: input.actor.id,
  action: input.action,
  subjectType: input.subjectType,
  subjectId: input.subjectId,
  data: input.data ?? {},
});

/** Append-only: there is no update or delete for audit events anywhere in the code. */
export async function recordAudit(db: DbOrTx, input: AuditInput) {
  await db.insert(auditEvents).values(auditRow(input));
}

/**
 * Many events in one INSERT (a bulk decision). The database seals each row into its team's
 * hash chain at commit, in insertion order, exactly as for single inserts.
 */
export async function recordAudits(db: DbOrTx, inputs: AuditInput[]) {
  if (inputs.length > 0) await db.insert(auditEvents).values(inputs.map(auditRow));
}

export function toAuditEventDto(row: AuditEventRow): AuditEvent {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor: { type: row.actorType as Actor["type"], id: row.actorId },
    action: row.action,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    data: row.data,
  };
}
export type AuditEventDto = ReturnType<typeof toAuditEventDto>;

export interface AuditFilters {
  subjectId?: string;
  subjectType?: string;
  actorId?: string;
  action?: string;
  from?: Date;
  to?: Date;
}

/** `visible`: lib/access/visibility's auditFilter(), hiding events of queues the caller may not see. */
export async function listAuditEvents(
  params: { teamId: string; cursor?: string; limit: number; visible?: SQL } & AuditFilters,
  db: DbOrTx = getDb(),
) {
  const rows = await db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.teamId, params.teamId),
        params.subjectId ? eq(auditEvents.subjectId, params.subjectId) : undefined,
        params.subjectType ? eq(auditEvents.subjectType, params.subjectType) : undefined,
        params.actorId ? eq(auditEvents.actorId, params.actorId) : undefined,
        params.action ? like(auditEvents.action, `${params.action.replace(/[%_\\]/g, "")}%`) : undefined,
        params.from ? gte(auditEvents.at, params.from) : undefined,
        params.to ? lte(auditEvents.at, params.to) : undefined,
        params.cursor ? lt(auditEvents.id, params.cursor) : undefined,
        params.visible,
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(params.limit + 1);
  return keysetPage(rows, params.limit, toAuditEventDto);
}

function csvCell(value: unknown) {
  const text = value == null ? "" : typeof value === "string" ? value : JSON.stringify(value);
  // Quote everything; neutralise spreadsheet formulas (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
}

/** Every matching event as CSV (newest first), streamed page by page by the caller. */
export async function* auditCsv(params: { teamId: string; visible?: SQL } & AuditFilters, db: DbOrTx = getDb()) {
  yield ["id", "at", "actor_type", "actor_id", "action", "subject_type", "subject_id", "data"].join(",") + "\n";
  let cursor: string | undefined;
  do {
    const page = await listAuditEvents({ ...params, cursor, limit: 200 }, db);
    for (const e of page.items) {
      yield [e.id, e.at, e.actor.type, e.actor.id, e.action, e.subjectType, e.subjectId, e.data].map(csvCell).join(",") + "\n";
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
