import "server-only";
import { and, eq, gt } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { listMembershipsForUser, type UserMembership } from "@/lib/teams/members";
import type { Principal } from "@/lib/access/principal";

/** The cookie that remembers the dashboard's current team (its slug; an id works too). */
export const TEAM_COOKIE = "acl_team";
/** Auth.js session cookie names: `__Secure-` on https, plain on http (development). */
export const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

export type UserPrincipal = Extract<Principal, { kind: "user" }>;
export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  image: string | null;
}

/** The user behind a database session token, or null when unknown or expired (revoked = deleted). */
export async function getUserBySessionToken(db: DbOrTx, token: string): Promise<SessionUser | null> {
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name, image: users.image })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.sessionToken, token), gt(sessions.expires, new Date())))
    .limit(1);
  return row ?? null;
}

export function toUserPrincipal(user: Pick<SessionUser, "id" | "email">, m: UserMembership): UserPrincipal {
  return {
    kind: "user",
    teamId: m.teamId,
    actor: { type: "user", id: user.id },
    role: m.role,
    queues: m.queues,
    email: user.email,
  };
}

export interface TeamContext {
  /** Every team the user belongs to (for the team switcher). */
  memberships: UserMembership[];
  /** The current team: the one named by the cookie, else the user's first team; null = no team yet. */
  membership: UserMembership | null;
  principal: UserPrincipal | null;
}

export async function resolveTeamContext(
  db: DbOrTx,
  params: { user: Pick<SessionUser, "id" | "email">; teamRef?: string | null },
): Promise<TeamContext> {
  const all = await listMembershipsForUser(params.user.id, db);
  const ref = params.teamRef?.trim();
  const membership = (ref ? all.find((m) => m.slug === ref || m.teamId === ref) : undefined) ?? all[0] ?? null;
  return { memberships: all, membership, principal: membership ? toUserPrincipal(params.user, membership) : null };
}
