import "server-only";
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";

/**
 * Verifies a team's audit hash chain (sealed by the database, migration 0004_audit_guard).
 * The canonical content is rebuilt here, independently of the database's own functions, so
 * that a replaced function cannot vouch for altered rows: each field as "<octet length>:<text>;".
 */

export type ChainBreak = {
  ok: false;
  events: number;
  broken: { seq: number | null; id: string; reason: "unsealed" | "gap" | "prev_hash" | "hash"; expected?: string; found?: string | null };
};
export type ChainResult = { ok: true; events: number; head: { seq: number; hash: string } | null } | ChainBreak;

type ChainRow = {
  seq: number | null;
  id: string;
  team_id: string;
  at_text: string;
  actor_type: string;
  actor_id: string;
  action: string;
  subject_type: string;
  subject_id: string;
  data_text: string;
  prev_hash: string | null;
  hash: string | null;
};

export function canonicalAuditContent(fields: (string | number)[]): string {
  return fields.map((f) => `${Buffer.byteLength(String(f), "utf8")}:${f};`).join("");
}

export function auditDigest(row: Omit<ChainRow, "hash">): string {
  const canonical = canonicalAuditContent([
    row.seq ?? "",
    row.id,
    row.team_id,
    row.at_text,
    row.actor_type,
    row.actor_id,
    row.action,
    row.subject_type,
    row.subject_id,
    row.data_text,
    row.prev_hash ?? "",
  ]);
  return createHash("sha256").update(canonical, "utf8").digest("hex");
}

const PAGE = 1000;

export async function verifyAuditChain(params: { teamId: string }, db: DbOrTx = getDb()): Promise<ChainResult> {
  let events = 0;
  let prev: { seq: number; hash: string } | null = null;
  let after = 0;
  // Unsealed rows (a row inserted with the sealing trigger disabled) sort last and break the chain.
  for (;;) {
    const { rows } = (await db.execute(sql`
      select seq, id, team_id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at_text,
             actor_type, actor_id, action, subject_type, subject_id, data::text as data_text, prev_hash, hash
      from audit_events
      where team_id = ${params.teamId} and (seq > ${after} or seq is null)
      order by seq nulls last, id
      limit ${PAGE}`)) as unknown as { rows: ChainRow[] };
    for (const row of rows) {
      if (row.seq === null || row.hash === null) return broken(events, row, "unsealed");
      const expectedSeq: number = (prev?.seq ?? 0) + 1;
      if (row.seq !== expectedSeq) return broken(events, row, "gap", String(expectedSeq), String(row.seq));
      const expectedPrev: string = prev?.hash ?? "";
      if (row.prev_hash !== expectedPrev) return broken(events, row, "prev_hash", expectedPrev, row.prev_hash);
      const digest = auditDigest(row);
      if (digest !== row.hash) return broken(events, row, "hash", digest, row.hash);
      events += 1;
      prev = { seq: row.seq, hash: row.hash };
    }
    if (rows.length < PAGE) break;
    after = prev?.seq ?? after;
  }
  return { ok: true, events, head: prev };
}

function broken(
  events: number,
  row: ChainRow,
  reason: ChainBreak["broken"]["reason"],
  expected?: string,
  found?: string | null,
): ChainBreak {
  return { ok: false, events, broken: { seq: row.seq, id: row.id, reason, ...(expected !== undefined ? { expected, found } : {}) } };
}
