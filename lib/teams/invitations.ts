import "server-only";
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { invitations, memberships, teams, users, type Actor, type Role } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { invitationEmail } from "@/lib/mail/templates";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { enqueueMail } from "@/lib/mail";

/** An invitation not accepted within this time lapses; the admin can invite again. */
export const INVITATION_TTL_DAYS = 14;
const ttlCutoff = () => new Date(Date.now() - INVITATION_TTL_DAYS * 24 * 60 * 60 * 1000);

const pending = (cutoff = ttlCutoff()) =>
  and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.createdAt, cutoff));

export async function listPendingInvitations(teamId: string, db: DbOrTx = getDb()) {
  return db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      queues: invitations.queues,
      createdAt: invitations.createdAt,
      invitedBy: users.email,
    })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(and(eq(invitations.teamId, teamId), pending()))
    .orderBy(desc(invitations.createdAt));
}
export type PendingInvitation = Awaited<ReturnType<typeof listPendingInvitations>>[number];

/**
 * Invites `email` to the team with a role (and optional queue list) and mails a sign-in link.
 * Signing in with that address accepts it (acceptPendingInvitations). Only owners invite owners.
 */
export async function createInvitation(
  params: {
    teamId: string;
    email: string;
    role: Role;
    queues?: string[] | null;
    actor: Actor & { type: "user" };
    actorRole: Role;
    /** Where the email's button points, e.g. `https://acl.example.com/sign-in`. */
    signInUrl: string;
  },
  db: DbOrTx = getDb(),
) {
  const email = params.email.trim().toLowerCase();
  if (params.role === "owner" && params.actorRole !== "owner") {
    throw new AppError("forbidden", "Only an owner can invite another owner.");
  }
  return db.transaction(async (tx) => {
    const [team] = await tx.select().from(teams).where(eq(teams.id, params.teamId)).limit(1);
    if (!team) throw new AppError("not_found", "No such team.");
    const [member] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.teamId, params.teamId), eq(users.email, email)))
      .limit(1);
    if (member) throw new AppError("conflict", `${email} is already a member of this team.`);
    const [open] = await tx
      .select({ id: invitations.id })
      .from(invitations)
      .where(and(eq(invitations.teamId, params.teamId), eq(invitations.email, email), pending()))
      .limit(1);
    if (open) throw new AppError("conflict", `${email} already has a pending invitation; revoke it to invite again.`);

    const queues = params.queues?.length ? params.queues : null;
    const id = newId("inv");
    await tx.insert(invitations).values({ id, teamId: params.teamId, email, role: params.role, queues, invitedBy: params.actor.id });
    const [inviter] = await tx.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, params.actor.id));
    const url = new URL(params.signInUrl);
    url.searchParams.set("email", email);
    const message = invitationEmail({
      teamName: team.name,
      inviter: inviter?.name || inviter?.email || "A teammate",
      role: params.role,
      url: url.toString(),
    });
    await enqueueMail(tx, { teamId: params.teamId, to: email, ...message, dedupeKey: `invitation:${id}` });
    await recordAudit(tx, {
      teamId: params.teamId,
      actor: params.actor,
      action: "invitation.created",
      subjectType: "invitation",
      subjectId: id,
      data: { email, role: params.role, queues },
    });
    return { id, email, role: params.role, queues };
  });
}

export async function revokeInvitation(params: { teamId: string; invitationId: string; actor: Actor }, db: DbOrTx = getDb()) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(and(eq(invitations.id, params.invitationId), eq(invitations.teamId, params.teamId), pending()))
      .returning();
    if (!row) throw new AppError("not_found", "No pending invitation with this id in this team.");
    await recordAudit(tx, {
      teamId: params.teamId,
      actor: params.actor,
      action: "invitation.revoked",
      subjectType: "invitation",
      subjectId: row.id,
      data: { email: row.email, role: row.role },
    });
    return { id: row.id };
  });
}

/**
 * Turns every pending invitation for the user's address into a membership. Only a verified
 * address counts (one that signed in by magic link at least once): an OAuth profile's email
 * alone does not prove ownership. Idempotent; called on sign-in and again from onboarding.
 */
export async function acceptPendingInvitations(params: { userId: string }, db: DbOrTx = getDb()) {
  const [user] = await db
    .select({ email: users.email, emailVerified: users.emailVerified })
    .from(users)
    .where(eq(users.id, params.userId))
    .limit(1);
  if (!user?.emailVerified) return { joinedTeamIds: [] as string[] };
  const email = user.email.trim().toLowerCase();
  return db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(invitations)
      .where(and(eq(invitations.email, email), pending()))
      .orderBy(invitations.id)
      .for("update");
    const joined: string[] = [];
    for (const inv of rows) {
      const inserted = await tx
        .insert(memberships)
        .values({ id: newId("mem"), teamId: inv.teamId, userId: params.userId, role: inv.role, queues: inv.queues })
        .onConflictDoNothing({ target: [memberships.teamId, memberships.userId] })
        .returning({ id: memberships.id });
      await tx.update(invitations).set({ acceptedAt: new Date() }).where(eq(invitations.id, inv.id));
      await recordAudit(tx, {
        teamId: inv.teamId,
        actor: { type: "user", id: params.userId },
        action: "invitation.accepted",
        subjectType: "invitation",
        subjectId: inv.id,
        data: { email, role: inv.role, membershipId: inserted[0]?.id ?? null, alreadyMember: inserted.length === 0 },
      });
      joined.push(inv.teamId);
    }
    return { joinedTeamIds: joined };
  });
}
