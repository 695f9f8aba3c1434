import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import { idempotencyKeys } from "@/db/schema";
import { AppError } from "@/lib/errors";

/**
 * Idempotency keys, exactly (Stripe's rules): a key is claimed by one request; the response is
 * recorded in the SAME transaction that creates the resource, so a crash or a failed write can
 * never leave a created resource whose key is free for a retry to create it twice. A claim left
 * in progress by a dead request is reclaimed after STALE_CLAIM_SECONDS; keys expire after 24 h.
 */
export const KEY_TTL_HOURS = 24;
export const STALE_CLAIM_SECONDS = 60;

export function hashRequest(body: unknown) {
  return createHash("sha256")
    .update(stableStringify(body ?? null))
    .digest("hex");
}

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([k]) => k !== "idempotencyKey")
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export type IdempotencySlot = { teamId: string; route: string; key: string };
export type IdempotencyClaim = { kind: "new"; token: string } | { kind: "replay"; status: number; body: unknown };

/**
 * Claims (team, route, key). Same key + same body → the stored response; same key + other
 * body → 409; same key while the first request is still running → 409 (retry later). A claim
 * in progress for longer than `staleAfterSeconds` (its request died) and any key older than
 * 24 h are taken over by this request.
 */
export async function claimIdempotencyKey(
  db: DbOrTx,
  params: IdempotencySlot & { requestHash: string; staleAfterSeconds?: number },
): Promise<IdempotencyClaim> {
  if (params.key.length > 255) throw new AppError("invalid_request", "Idempotency-Key must be at most 255 characters.");
  const token = randomUUID();
  const stale = params.staleAfterSeconds ?? STALE_CLAIM_SECONDS;
  const claimed = await db.execute<{ claim_token: string }>(sql`
    insert into idempotency_keys (team_id, route, key, request_hash, claim_token)
    values (${params.teamId}, ${params.route}, ${params.key}, ${params.requestHash}, ${token})
    on conflict (team_id, route, key) do update
      set request_hash = excluded.request_hash, claim_token = excluded.claim_token, created_at = now(), status_code = null, response = null
      where idempotency_keys.created_at < now() - make_interval(hours => ${KEY_TTL_HOURS})
         or (idempotency_keys.status_code is null and idempotency_keys.request_hash = excluded.request_hash
             and idempotency_keys.created_at < now() - make_interval(secs => ${stale}))
    returning claim_token`);
  if (claimed.rows[0]?.claim_token === token) return { kind: "new", token };
  const [existing] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.teamId, params.teamId), eq(idempotencyKeys.route, params.route), eq(idempotencyKeys.key, params.key)))
    .limit(1);
  if (!existing) return claimIdempotencyKey(db, params); // raced with a release; try again
  if (existing.requestHash !== params.requestHash) {
    throw new AppError("conflict", "This Idempotency-Key was already used with a different request body.");
  }
  if (existing.statusCode == null) {
    throw new AppError("conflict", "A request with this Idempotency-Key is still in progress; retry shortly.");
  }
  return { kind: "replay", status: existing.statusCode, body: existing.response };
}

/**
 * Records the response inside the transaction that created the resource. If the claim is no
 * longer this request's (reclaimed as stale by a retry), it throws, rolling the creation back:
 * the retry's resource is the one that counts.
 */
export async function recordIdempotentResult(tx: Tx, params: IdempotencySlot & { token: string; status: number; body: unknown }) {
  const updated = await tx
    .update(idempotencyKeys)
    .set({ statusCode: params.status, response: params.body as object })
    .where(and(...slotWhere(params), eq(idempotencyKeys.claimToken, params.token), isNull(idempotencyKeys.statusCode)))
    .returning({ key: idempotencyKeys.key });
  if (updated.length === 0) {
    throw new AppError("conflict", "This request's Idempotency-Key was taken over by a retry; the retry's result stands.");
  }
}

/** A failed request frees its key (only if still its claim) so that the client's retry can succeed. */
export async function releaseIdempotencyKey(db: DbOrTx, params: IdempotencySlot & { token: string }) {
  await db
    .delete(idempotencyKeys)
    .where(and(...slotWhere(params), eq(idempotencyKeys.claimToken, params.token), isNull(idempotencyKeys.statusCode)));
}

/** Deletes keys older than 24 h, a batch at a time. Returns how many. */
export async function sweepIdempotencyKeys(db: DbOrTx, options: { batch?: number } = {}) {
  const deleted = await db.execute(sql`
    delete from idempotency_keys where ctid in (
      select ctid from idempotency_keys where created_at < now() - make_interval(hours => ${KEY_TTL_HOURS}) limit ${options.batch ?? 5000})`);
  return deleted.rowCount ?? 0;
}

function slotWhere(s: IdempotencySlot) {
  return [eq(idempotencyKeys.teamId, s.teamId), eq(idempotencyKeys.route, s.route), eq(idempotencyKeys.key, s.key)];
}
