import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { apiKeys, users, type Actor } from "@/db/schema";
import { listApiKeys } from "./api-keys";
import { listMembers } from "./members";

export interface ActorInfo {
  type: string;
  id: string;
  /** What a person reads: an email, an API key's name, "CLI". */
  label: string;
  email?: string;
}

export const actorKey = (actor: { type: string; id: string }) => `${actor.type}:${actor.id}`;

const SYSTEM_LABELS: Record<string, string> = { cli: "CLI", engine: "Engine", expiry: "Deadline expiry", test: "Test harness" };

/**
 * Labels for the actors of audit events and decisions: user ids become emails (one query),
 * API key ids become the key's name (one query, this team's keys only). Users who have left
 * the team keep their email: the audit trail must stay readable.
 */
export async function resolveActors(
  params: { teamId: string; actors: Array<Pick<Actor, "id"> & { type: string }> },
  db: DbOrTx = getDb(),
): Promise<Map<string, ActorInfo>> {
  const ids = (type: string) => [...new Set(params.actors.filter((a) => a.type === type).map((a) => a.id))];
  const userIds = ids("user");
  const keyIds = ids("api_key");
  const [userRows, keyRows] = await Promise.all([
    userIds.length ? db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.id, userIds)) : [],
    keyIds.length
      ? db
          .select({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix })
          .from(apiKeys)
          .where(and(eq(apiKeys.teamId, params.teamId), inArray(apiKeys.id, keyIds)))
      : [],
  ]);
  const emails = new Map(userRows.map((u) => [u.id, u.email]));
  const keys = new Map(keyRows.map((k) => [k.id, k]));

  const out = new Map<string, ActorInfo>();
  for (const actor of params.actors) {
    const key = actorKey(actor);
    if (out.has(key)) continue;
    if (actor.type === "user") {
      const email = emails.get(actor.id);
      out.set(key, { type: actor.type, id: actor.id, label: email ?? "Deleted user", email });
    } else if (actor.type === "api_key") {
      const k = keys.get(actor.id);
      out.set(key, { type: actor.type, id: actor.id, label: k ? `API key “${k.name}”` : "API key" });
    } else {
      out.set(key, { type: actor.type, id: actor.id, label: SYSTEM_LABELS[actor.id] ?? `System (${actor.id})` });
    }
  }
  return out;
}

/** The actors a team's audit history can be filtered by: members, API keys and the CLI. */
export async function listActorChoices(teamId: string, db: DbOrTx = getDb()) {
  const [members, keys] = await Promise.all([listMembers(teamId, db), listApiKeys(teamId, db)]);
  return [
    ...members.map((m) => ({ id: m.userId, type: "user", label: m.email })),
    ...keys.map((k) => ({ id: k.id, type: "api_key", label: `API key “${k.name}”${k.revokedAt ? " (revoked)" : ""}` })),
    { id: "engine", type: "system", label: "Engine" },
    { id: "cli", type: "system", label: "CLI" },
  ];
}
