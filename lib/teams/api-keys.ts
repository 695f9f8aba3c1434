import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { apiKeys, teams, type Actor } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { AppError, notFound } from "@/lib/errors";
import { newId } from "@/lib/ids";

const KEY_PREFIX = "acl_live_";
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** SHA-256 is right for keys with 190 bits of entropy: no salt or slow hash needed. */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

function randomSecret(length = 32) {
  const bytes = randomBytes(length);
  return Array.from(bytes, (b) => BASE62[b % 62]).join("");
}

export async function createApiKey(params: { teamId: string; name?: string; actor: Actor }, db: DbOrTx = getDb()) {
  return db.transaction(async (tx) => {
    const secret = `${KEY_PREFIX}${randomSecret()}`;
    const id = newId("key");
    const row = {
      id,
      teamId: params.teamId,
      name: params.name?.trim() || "default",
      prefix: secret.slice(0, KEY_PREFIX.length + 6),
      keyHash: hashApiKey(secret),
      createdBy: `${params.actor.type}:${params.actor.id}`,
    };
    await tx.insert(apiKeys).values(row);
    await recordAudit(tx, {
      teamId: params.teamId,
      actor: params.actor,
      action: "apikey.created",
      subjectType: "api_key",
      subjectId: id,
      data: { name: row.name, prefix: row.prefix },
    });
    // The only time the full key exists outside the caller's hands.
    return { id, apiKey: secret, prefix: row.prefix, name: row.name };
  });
}

export async function revokeApiKey(params: { keyId: string; teamId?: string; actor: Actor }, db: DbOrTx = getDb()) {
  return db.transaction(async (tx) => {
    const scope = and(eq(apiKeys.id, params.keyId), params.teamId ? eq(apiKeys.teamId, params.teamId) : undefined);
    const [row] = await tx
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(scope, isNull(apiKeys.revokedAt)))
      .returning();
    if (!row) {
      // Revoking twice is a no-op: the first revocation time and audit event stand.
      const [existing] = await tx.select().from(apiKeys).where(scope).limit(1);
      if (!existing) throw notFound("API key", params.keyId);
      return { id: existing.id, revokedAt: existing.revokedAt!.toISOString() };
    }
    await recordAudit(tx, {
      teamId: row.teamId,
      actor: params.actor,
      action: "apikey.revoked",
      subjectType: "api_key",
      subjectId: row.id,
      data: { prefix: row.prefix },
    });
    return { id: row.id, revokedAt: row.revokedAt!.toISOString() };
  });
}

export async function listApiKeys(teamId: string, db: DbOrTx = getDb()) {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.teamId, teamId))
    .orderBy(apiKeys.id);
}

/** Resolves a bearer key to its team. Revocation is checked on every call (no cache). */
export async function authenticateApiKey(db: DbOrTx, key: string) {
  if (!key.startsWith(KEY_PREFIX)) throw new AppError("unauthenticated", "Unknown API key.");
  const [row] = await db
    .select({ id: apiKeys.id, teamId: apiKeys.teamId, revokedAt: apiKeys.revokedAt, teamSlug: teams.slug, lastUsedAt: apiKeys.lastUsedAt })
    .from(apiKeys)
    .innerJoin(teams, eq(teams.id, apiKeys.teamId))
    .where(eq(apiKeys.keyHash, hashApiKey(key)))
    .limit(1);
  if (!row) throw new AppError("unauthenticated", "Unknown API key.");
  if (row.revokedAt) throw new AppError("unauthenticated", "This API key has been revoked.");
  // Coarse last-used time: one write per key per 10 s at most, off the request's critical path.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 10_000) {
    void db
      .update(apiKeys)
      .set({ lastUsedAt: sql`now()` })
      .where(and(eq(apiKeys.id, row.id), isNull(apiKeys.revokedAt)))
      .catch(() => {});
  }
  return { keyId: row.id, teamId: row.teamId, teamSlug: row.teamSlug };
}
