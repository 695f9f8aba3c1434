import "server-only";
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { idempotencyKeys } from "@/db/schema";
import { AppError } from "@/lib/errors";

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

export type IdempotencyClaim = { kind: "new" } | { kind: "replay"; status: number; body: unknown };

/**
 * Claims (team, route, key). Same key + same body → the stored response; same key + other
 * body → 409; same key while the first request is still running → 409 (retry later).
 */
export async function claimIdempotencyKey(
  db: DbOrTx,
  params: { teamId: string; route: string; key: string; requestHash: string },
): Promise<IdempotencyClaim> {
  if (params.key.length > 255) throw new AppError("invalid_request", "Idempotency-Key must be at most 255 characters.");
  const inserted = await db
    .insert(idempotencyKeys)
    .values({ teamId: params.teamId, route: params.route, key: params.key, requestHash: params.requestHash })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (inserted.length > 0) return { kind: "new" };
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

export async function completeIdempotencyKey(
  db: DbOrTx,
  params: { teamId: string; route: string; key: string; status: number; body: unknown },
) {
  await db
    .update(idempotencyKeys)
    .set({ statusCode: params.status, response: params.body as object })
    .where(and(eq(idempotencyKeys.teamId, params.teamId), eq(idempotencyKeys.route, params.route), eq(idempotencyKeys.key, params.key)));
}

/** A failed request frees its key so that the client's retry can succeed. */
export async function releaseIdempotencyKey(db: DbOrTx, params: { teamId: string; route: string; key: string }) {
  await db
    .delete(idempotencyKeys)
    .where(and(eq(idempotencyKeys.teamId, params.teamId), eq(idempotencyKeys.route, params.route), eq(idempotencyKeys.key, params.key)));
}
