import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { memberships, teams, users, type Actor, type Role } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { roleCan } from "@/lib/access/permissions";
import { AppError } from "@/lib/errors";
import { z } from "zod";

/** Every team a user belongs to, with their role, queue list and notification setting. */
export async function listMembershipsForUser(userId: string, db: DbOrTx = getDb()) {
  return db
    .select({
      membershipId: memberships.id,
      teamId: teams.id,
      slug: teams.slug,
      name: teams.name,
      role: memberships.role,
      queues: memberships.queues,
      notifyEmail: memberships.notifyEmail,
      notifyDigestMinutes: memberships.notifyDigestMinutes,
    })
    .from(memberships)
    .innerJoin(teams, eq(teams.id, memberships.teamId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt), asc(teams.slug));
}
export type UserMembership = Awaited<ReturnType<typeof listMembershipsForUser>>[number];

export async function listMembers(teamId: string, db: DbOrTx = getDb()) {
  return db
    .select({
      id: memberships.id,
      userId: users.id,
      email: users.email,
      name: users.name,
      role: memberships.role,
      queues: memberships.queues,
      createdAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.teamId, teamId))
    .orderBy(asc(memberships.createdAt));
}
export type TeamMember = Awaited<ReturnType<typeof listMembers>>[number];

/**
 * Locks the team's membership rows in id order (so concurrent changes queue instead of
 * deadlocking) and returns the target plus how many other owners remain.
 */
async function lockForChange(db: DbOrTx, teamId: string, membershipId: string, actor: Actor) {
  const rows = await db.select().from(memberships).where(eq(memberships.teamId, teamId)).orderBy(asc(memberships.id)).for("update");
  const row = rows.find((r) => r.id === membershipId);
  if (!row) throw new AppError("not_found", "No such member in this team.");
  const otherOwners = rows.filter((r) => r.role === "owner" && r.id !== membershipId).length;
  // The actor's role as of now, not as of the request's start; operators (CLI) act as owners.
  const actorRole: Role | undefined =
    actor.type === "system" ? "owner" : rows.find((r) => actor.type === "user" && r.userId === actor.id)?.role;
  if (!actorRole || !roleCan(actorRole, "members.manage")) {
    throw new AppError("forbidden", "Only owners and admins can manage members.");
  }
  return { row, otherOwners, actorRole };
}

const LAST_OWNER = "A team needs at least one owner: make someone else owner first.";

/** Changes a member's role (and queue list). Only owners may grant the owner role or change an owner. */
export async function changeMemberRole(
  params: { teamId: string; membershipId: string; role: Role; queues?: string[] | null; actor: Actor },
  db: DbOrTx = getDb(),
) {
  return db.transaction(async (tx) => {
    const { row, otherOwners, actorRole } = await lockForChange(tx, params.teamId, params.membershipId, params.actor);
    if ((row.role === "owner" || params.role === "owner") && actorRole !== "owner") {
      throw new AppError("forbidden", "Only an owner can grant the owner role or change an owner.");
    }
    if (row.role === "owner" && params.role !== "owner" && otherOwners === 0) throw new AppError("conflict", LAST_OWNER);
    const queues = params.queues === undefined ? row.queues : params.queues?.length ? params.queues : null;
    await tx.update(memberships).set({ role: params.role, queues }).where(eq(memberships.id, row.id));
    await recordAudit(tx, {
      teamId: params.teamId,
      actor: params.actor,
      action: "member.updated",
      subjectType: "membership",
      subjectId: row.id,
      data: { userId: row.userId, before: { role: row.role, queues: row.queues }, after: { role: params.role, queues } },
    });
    return { id: row.id, role: params.role, queues };
  });
}

/** Removes a member from the team; never the last owner. */
export async function removeMember(params: { teamId: string; membershipId: string; actor: Actor }, db: DbOrTx = getDb()) {
  return db.transaction(async (tx) => {
    const { row, otherOwners, actorRole } = await lockForChange(tx, params.teamId, params.membershipId, params.actor);
    if (row.role === "owner") {
      if (actorRole !== "owner") throw new AppError("forbidden", "Only an owner can remove an owner.");
      if (otherOwners === 0) throw new AppError("conflict", LAST_OWNER);
    }
    await tx.delete(memberships).where(eq(memberships.id, row.id));
    await recordAudit(tx, {
      teamId: params.teamId,
      actor: params.actor,
      action: "member.removed",
      subjectType: "membership",
      subjectId: row.id,
      data: { userId: row.userId, before: { role: row.role, queues: row.queues } },
    });
    return { id: row.id };
  });
}

/** Digest intervals a member may choose (minutes): 15 min, 1 h, 4 h, 1 day. */
export const DIGEST_MINUTES = [15, 60, 240, 1440] as const;
export type NotificationMode = "off" | "immediate" | "digest";

export const notificationPreferencesSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("off") }),
  z.object({ mode: z.literal("immediate") }),
  z.object({
    mode: z.literal("digest"),
    digestMinutes: z.coerce
      .number()
      .int()
      .refine((n) => (DIGEST_MINUTES as readonly number[]).includes(n), `digestMinutes must be one of ${DIGEST_MINUTES.join(", ")}`),
  }),
]);
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;

export function notificationMode(m: { notifyEmail: boolean; notifyDigestMinutes: number | null }): NotificationPreferences {
  if (!m.notifyEmail) return { mode: "off" };
  return m.notifyDigestMinutes ? { mode: "digest", digestMinutes: m.notifyDigestMinutes } : { mode: "immediate" };
}

/**
 * A member's own email preferences for one team: off, immediately, or a digest every n minutes.
 * Audited with the values before and after, in the same transaction as the change.
 */
export async function setNotificationPreferences(
  params: { teamId: string; userId: string; preferences: NotificationPreferences; actor: Actor },
  db: DbOrTx = getDb(),
) {
  const prefs = notificationPreferencesSchema.parse(params.preferences);
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ id: memberships.id, notifyEmail: memberships.notifyEmail, notifyDigestMinutes: memberships.notifyDigestMinutes })
      .from(memberships)
      .where(and(eq(memberships.teamId, params.teamId), eq(memberships.userId, params.userId)))
      .for("update")
      .limit(1);
    if (!before) throw new AppError("not_found", "You are not a member of this team.");
    const next = {
      notifyEmail: prefs.mode !== "off",
      // "off" keeps the chosen interval, so turning email back on restores it.
      notifyDigestMinutes: prefs.mode === "digest" ? prefs.digestMinutes : prefs.mode === "immediate" ? null : before.notifyDigestMinutes,
    };
    await tx.update(memberships).set(next).where(eq(memberships.id, before.id));
    await recordAudit(tx, {
      teamId: params.teamId,
      actor: params.actor,
      action: "member.notifications_updated",
      subjectType: "membership",
      subjectId: before.id,
      data: { notifyEmail: next.notifyEmail, before: notificationMode(before), after: prefs },
    });
    return prefs;
  });
}

/** On/off only (kept for callers and tests that predate digests): the interval stays as it was. */
export async function setNotifyEmail(params: { teamId: string; userId: string; notifyEmail: boolean; actor: Actor }, db: DbOrTx = getDb()) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ notifyDigestMinutes: memberships.notifyDigestMinutes })
      .from(memberships)
      .where(and(eq(memberships.teamId, params.teamId), eq(memberships.userId, params.userId)))
      .limit(1);
    const preferences: NotificationPreferences = !params.notifyEmail
      ? { mode: "off" }
      : row?.notifyDigestMinutes
        ? { mode: "digest", digestMinutes: row.notifyDigestMinutes }
        : { mode: "immediate" };
    await setNotificationPreferences({ teamId: params.teamId, userId: params.userId, preferences, actor: params.actor }, tx);
    return { notifyEmail: params.notifyEmail };
  });
}
