import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { getDb, type DbOrTx } from "@/db/client";
import { memberships, teams, users, type Actor, type Role, ROLES } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { AppError, isUniqueViolation, notFound } from "@/lib/errors";
import { newId } from "@/lib/ids";

export * from "./api-keys";
export * from "./invitations";
export * from "./members";

export const slugSchema = z
  .string()
  .trim()
  .min(2, "slug must be at least 2 characters")
  .max(48, "slug must be at most 48 characters")
  .regex(/^[a-z0-9][a-z0-9-]*$/, "slug may contain only lowercase letters, digits and dashes");
export const emailSchema = z.string().trim().toLowerCase().email("must be a valid email address");
export const roleSchema = z.enum(ROLES);

export async function getTeamBySlugOrThrow(slug: string, db: DbOrTx = getDb()) {
  const [team] = await db.select().from(teams).where(eq(teams.slug, slug)).limit(1);
  if (!team) throw new AppError("not_found", `No team with slug '${slug}'.`);
  return team;
}

export async function getTeamOrThrow(teamId: string, db: DbOrTx = getDb()) {
  const [team] = await db.select().from(teams).where(eq(teams.id, teamId)).limit(1);
  if (!team) throw notFound("team", teamId);
  return team;
}

/** Finds the user with this email, creating it (unverified) if none exists yet. */
export async function upsertUserByEmail(db: DbOrTx, email: string) {
  const normalized = emailSchema.parse(email);
  await db
    .insert(users)
    .values({ id: newId("usr"), email: normalized })
    .onConflictDoNothing({ target: users.email });
  const [user] = await db.select().from(users).where(eq(users.email, normalized)).limit(1);
  return user!;
}

export async function createTeam(params: { slug: string; name?: string; ownerEmail: string; actor?: Actor }, db: DbOrTx = getDb()) {
  return db.transaction(async (tx) => {
    const slug = slugSchema.parse(params.slug);
    const owner = await upsertUserByEmail(tx, params.ownerEmail);
    const team = { id: newId("team"), slug, name: params.name?.trim() || slug };
    try {
      await tx.insert(teams).values(team);
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError("conflict", `A team with slug '${slug}' already exists.`);
      throw err;
    }
    await tx.insert(memberships).values({ id: newId("mem"), teamId: team.id, userId: owner.id, role: "owner" });
    await recordAudit(tx, {
      teamId: team.id,
      actor: params.actor ?? { type: "user", id: owner.id },
      action: "team.created",
      subjectType: "team",
      subjectId: team.id,
      data: { slug, owner: owner.email },
    });
    return { team: { id: team.id, slug: team.slug, name: team.name }, owner: { id: owner.id, email: owner.email } };
  });
}

export async function addMember(
  params: { teamId: string; email: string; role: Role; queues?: string[] | null; actor: Actor },
  db: DbOrTx = getDb(),
) {
  return db.transaction(async (tx) => {
    const user = await upsertUserByEmail(tx, params.email);
    const queues = params.queues && params.queues.length > 0 ? params.queues : null;
    const [existing] = await tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.teamId, params.teamId), eq(memberships.userId, user.id)))
      .limit(1);
    let membership;
    if (existing) {
      [membership] = await tx.update(memberships).set({ role: params.role, queues }).where(eq(memberships.id, existing.id)).returning();
    } else {
      [membership] = await tx
        .insert(memberships)
        .values({ id: newId("mem"), teamId: params.teamId, userId: user.id, role: params.role, queues })
        .returning();
    }
    await recordAudit(tx, {
      teamId: params.teamId,
      actor: params.actor,
      action: existing ? "member.updated" : "member.added",
      subjectType: "membership",
      subjectId: membership!.id,
      data: { email: user.email, role: params.role, queues, before: existing ? { role: existing.role, queues: existing.queues } : null },
    });
    return {
      membership: { id: membership!.id, teamId: params.teamId, role: membership!.role, queues: membership!.queues },
      user: { id: user.id, email: user.email },
    };
  });
}

export async function getMembership(params: { teamId: string; userId: string }, db: DbOrTx = getDb()) {
  const [row] = await db
    .select()
    .from(memberships)
    .where(and(eq(memberships.teamId, params.teamId), eq(memberships.userId, params.userId)))
    .limit(1);
  return row ?? null;
}

export async function listUserTeams(userId: string, db: DbOrTx = getDb()) {
  return db
    .select({ id: teams.id, slug: teams.slug, name: teams.name, role: memberships.role })
    .from(memberships)
    .innerJoin(teams, eq(teams.id, memberships.teamId))
    .where(eq(memberships.userId, userId))
    .orderBy(teams.slug);
}
export * from "./people";
