import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type DbOrTx } from "@/db/client";
import { apiKeys, teams, type Actor, type ApiKeyScope, type Role } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { AppError, notFound } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { API_KEY_SCOPES, DEFAULT_API_KEY_SCOPES } from "@/lib/contract/enums";
import { queueNameSchema } from "@/lib/queues";

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

export const apiKeyScopesSchema = z
  .array(z.enum(API_KEY_SCOPES, { error: (i) => `unknown scope '${String(i.input)}' (scopes: ${API_KEY_SCOPES.join(", ")})` }))
  .min(1, "at least one scope is required")
  .transform((s) => API_KEY_SCOPES.filter((x) => s.includes(x)));

export const apiKeyQueuesSchema = z
  .array(queueNameSchema)
  .min(1, "at least one queue is required when limiting a key to queues")
  .transform((q) => [...new Set(q)]);

export async function createApiKey(
  params: {
    teamId: string;
    name?: string;
    actor: Actor;
    /** Default `runs,tasks` (API.md v1.1): deciding needs an explicit `decide`. */
    scopes?: readonly string[];
    /** Limits the queues whose tasks the key sees and decides; null/undefined = every queue. */
    queues?: readonly string[] | null;
    /** A member creating the key in the dashboard: what they may grant is checked (grantableBy). */
    creator?: { role: Role; queues: string[] | null };
  },
  db: DbOrTx = getDb(),
) {
  const scopes = apiKeyScopesSchema.parse(params.scopes ?? DEFAULT_API_KEY_SCOPES);
  let queues = params.queues == null ? null : apiKeyQueuesSchema.parse(params.queues);
  if (params.creator) queues = assertGrantable(params.creator, scopes, queues);
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
      scopes,
      queues,
    };
    await tx.insert(apiKeys).values(row);
    await recordAudit(tx, {
      teamId: params.teamId,
      actor: params.actor,
      action: "apikey.created",
      subjectType: "api_key",
      subjectId: id,
      data: { name: row.name, prefix: row.prefix, scopes, queues },
    });
    // The only time the full key exists outside the caller's hands.
    return { id, apiKey: secret, prefix: row.prefix, name: row.name, scopes, queues };
  });
}

/**
 * A member may not mint a key that does more than they may: only owners grant `decide` (a key
 * that decides is a reviewer nobody can see), and a member limited to queues only creates keys
 * limited to (a subset of) theirs. Returns the key's queues.
 */
function assertGrantable(creator: { role: Role; queues: string[] | null }, scopes: ApiKeyScope[], queues: string[] | null) {
  if (scopes.includes("decide") && creator.role !== "owner") {
    throw new AppError("forbidden", "Only owners may create keys with the 'decide' scope.");
  }
  if (creator.role === "owner" || !creator.queues) return queues;
  if (!queues) return creator.queues;
  const outside = queues.filter((q) => !creator.queues!.includes(q));
  if (outside.length > 0) throw new AppError("forbidden", `You may not create a key for queues you cannot see: ${outside.join(", ")}.`);
  return queues;
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
      scopes: apiKeys.scopes,
      queues: apiKeys.queues,
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
    .select({
      id: apiKeys.id,
      teamId: apiKeys.teamId,
      revokedAt: apiKeys.revokedAt,
      teamSlug: teams.slug,
      lastUsedAt: apiKeys.lastUsedAt,
      scopes: apiKeys.scopes,
      queues: apiKeys.queues,
    })
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
  return { keyId: row.id, teamId: row.teamId, teamSlug: row.teamSlug, scopes: row.scopes, queues: row.queues };
}
