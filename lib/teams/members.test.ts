import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, memberships, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { listMail } from "@/lib/mail";
import { TEST_ACTOR, createTestTeam, uniqueEmail } from "../../tests/helpers";
import { addMember, upsertUserByEmail } from "./index";
import { acceptPendingInvitations, createInvitation, listPendingInvitations, revokeInvitation } from "./invitations";
import { changeMemberRole, listMembers, removeMember, setNotifyEmail } from "./members";

async function code(promise: Promise<unknown>) {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return (err as AppError).code;
}

const asUser = (id: string) => ({ type: "user" as const, id });
const verify = (userId: string) => getDb().update(users).set({ emailVerified: new Date() }).where(eq(users.id, userId));

describe("members", () => {
  it("never removes or demotes the last owner, and only owners touch owners", async () => {
    const team = await createTestTeam();
    const db = getDb();
    const [ownerRow] = await listMembers(db, team.team.id);
    const owner = asUser(team.owner.id);

    expect(await code(changeMemberRole(db, { teamId: team.team.id, membershipId: ownerRow!.id, role: "admin", actor: owner }))).toBe(
      "conflict",
    );
    expect(await code(removeMember(db, { teamId: team.team.id, membershipId: ownerRow!.id, actor: owner }))).toBe("conflict");

    const admin = await addMember(db, { teamId: team.team.id, email: uniqueEmail("admin"), role: "admin", actor: TEST_ACTOR });
    const adminActor = asUser(admin.user.id);
    expect(await code(removeMember(db, { teamId: team.team.id, membershipId: ownerRow!.id, actor: adminActor }))).toBe("forbidden");
    expect(
      await code(changeMemberRole(db, { teamId: team.team.id, membershipId: admin.membership.id, role: "owner", actor: adminActor })),
    ).toBe("forbidden");

    // With a second owner, the first may step down.
    await changeMemberRole(db, { teamId: team.team.id, membershipId: admin.membership.id, role: "owner", actor: owner });
    await changeMemberRole(db, { teamId: team.team.id, membershipId: ownerRow!.id, role: "reviewer", queues: ["support"], actor: owner });
    const after = await listMembers(db, team.team.id);
    expect(after.map((m) => [m.email, m.role, m.queues])).toEqual([
      [team.owner.email, "reviewer", ["support"]],
      [admin.user.email, "owner", null],
    ]);
    const events = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.teamId, team.team.id), eq(auditEvents.action, "member.updated")));
    expect(events.length).toBeGreaterThanOrEqual(2);
  });

  it("refuses members of another team (404) and viewers (403)", async () => {
    const a = await createTestTeam();
    const b = await createTestTeam();
    const [bOwner] = await listMembers(getDb(), b.team.id);
    expect(await code(removeMember(getDb(), { teamId: a.team.id, membershipId: bOwner!.id, actor: asUser(a.owner.id) }))).toBe("not_found");

    const viewer = await addMember(getDb(), { teamId: a.team.id, email: uniqueEmail("viewer"), role: "viewer", actor: TEST_ACTOR });
    const [aOwner] = await listMembers(getDb(), a.team.id);
    expect(
      await code(changeMemberRole(getDb(), { teamId: a.team.id, membershipId: aOwner!.id, role: "viewer", actor: asUser(viewer.user.id) })),
    ).toBe("forbidden");
  });

  it("stores the notification preference per membership", async () => {
    const team = await createTestTeam();
    await setNotifyEmail(getDb(), { teamId: team.team.id, userId: team.owner.id, notifyEmail: false, actor: asUser(team.owner.id) });
    const [row] = await getDb().select().from(memberships).where(eq(memberships.teamId, team.team.id));
    expect(row!.notifyEmail).toBe(false);
  });
});

describe("invitations", () => {
  it("mails a sign-in link and turns into a membership when that address signs in", async () => {
    const team = await createTestTeam();
    const db = getDb();
    const email = uniqueEmail("Invitee").toUpperCase();
    const inv = await createInvitation(db, {
      teamId: team.team.id,
      email,
      role: "reviewer",
      queues: ["support"],
      actor: asUser(team.owner.id),
      actorRole: "owner",
      signInUrl: "http://acl.test/sign-in",
    });
    expect(inv.email).toBe(email.toLowerCase());
    const [mail] = await listMail(db, { to: email });
    expect(mail!.text).toContain(`http://acl.test/sign-in?email=${encodeURIComponent(email.toLowerCase())}`);

    expect(
      await code(
        createInvitation(db, {
          ...inv,
          teamId: team.team.id,
          actor: asUser(team.owner.id),
          actorRole: "owner",
          signInUrl: "http://acl.test/sign-in",
        }),
      ),
    ).toBe("conflict");

    const user = await upsertUserByEmail(db, email);
    // Not before the address is verified by a magic-link sign-in.
    expect(await acceptPendingInvitations(db, { userId: user.id })).toEqual({ joinedTeamIds: [] });
    await verify(user.id);
    expect(await acceptPendingInvitations(db, { userId: user.id })).toEqual({ joinedTeamIds: [team.team.id] });
    const members = await listMembers(db, team.team.id);
    expect(members.find((m) => m.userId === user.id)).toMatchObject({ role: "reviewer", queues: ["support"] });
    expect(await listPendingInvitations(db, team.team.id)).toEqual([]);
    // Idempotent: nothing left to accept.
    expect(await acceptPendingInvitations(db, { userId: user.id })).toEqual({ joinedTeamIds: [] });
  });

  it("only owners invite owners; revoked invitations are never accepted", async () => {
    const team = await createTestTeam();
    const db = getDb();
    const base = { teamId: team.team.id, actor: asUser(team.owner.id), signInUrl: "http://acl.test/sign-in" };
    expect(await code(createInvitation(db, { ...base, email: uniqueEmail("o"), role: "owner", actorRole: "admin" }))).toBe("forbidden");
    expect(await code(createInvitation(db, { ...base, email: team.owner.email, role: "admin", actorRole: "owner" }))).toBe("conflict");

    const email = uniqueEmail("revoked");
    const inv = await createInvitation(db, { ...base, email, role: "admin", actorRole: "owner" });
    await revokeInvitation(db, { teamId: team.team.id, invitationId: inv.id, actor: base.actor });
    expect(await code(revokeInvitation(db, { teamId: team.team.id, invitationId: inv.id, actor: base.actor }))).toBe("not_found");
    const user = await upsertUserByEmail(db, email);
    await verify(user.id);
    expect(await acceptPendingInvitations(db, { userId: user.id })).toEqual({ joinedTeamIds: [] });
  });
});
