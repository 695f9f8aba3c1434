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
    const [ownerRow] = await listMembers(team.team.id, db);
    const owner = asUser(team.owner.id);

    expect(await code(changeMemberRole({ teamId: team.team.id, membershipId: ownerRow!.id, role: "admin", actor: owner }, db))).toBe(
      "conflict",
    );
    expect(await code(removeMember({ teamId: team.team.id, membershipId: ownerRow!.id, actor: owner }, db))).toBe("conflict");

    const admin = await addMember({ teamId: team.team.id, email: uniqueEmail("admin"), role: "admin", actor: TEST_ACTOR }, db);
    const adminActor = asUser(admin.user.id);
    expect(await code(removeMember({ teamId: team.team.id, membershipId: ownerRow!.id, actor: adminActor }, db))).toBe("forbidden");
    expect(
      await code(changeMemberRole({ teamId: team.team.id, membershipId: admin.membership.id, role: "owner", actor: adminActor }, db)),
    ).toBe("forbidden");

    // With a second owner, the first may step down.
    await changeMemberRole({ teamId: team.team.id, membershipId: admin.membership.id, role: "owner", actor: owner }, db);
    await changeMemberRole({ teamId: team.team.id, membershipId: ownerRow!.id, role: "reviewer", queues: ["support"], actor: owner }, db);
    const after = await listMembers(team.team.id, db);
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
    const [bOwner] = await listMembers(b.team.id);
    expect(await code(removeMember({ teamId: a.team.id, membershipId: bOwner!.id, actor: asUser(a.owner.id) }))).toBe("not_found");

    const viewer = await addMember({ teamId: a.team.id, email: uniqueEmail("viewer"), role: "viewer", actor: TEST_ACTOR });
    const [aOwner] = await listMembers(a.team.id);
    expect(
      await code(changeMemberRole({ teamId: a.team.id, membershipId: aOwner!.id, role: "viewer", actor: asUser(viewer.user.id) })),
    ).toBe("forbidden");
  });

  it("stores the notification preference per membership", async () => {
    const team = await createTestTeam();
    await setNotifyEmail({ teamId: team.team.id, userId: team.owner.id, notifyEmail: false, actor: asUser(team.owner.id) });
    const [row] = await getDb().select().from(memberships).where(eq(memberships.teamId, team.team.id));
    expect(row!.notifyEmail).toBe(false);
  });
});

describe("invitations", () => {
  it("mails a sign-in link and turns into a membership when that address signs in", async () => {
    const team = await createTestTeam();
    const db = getDb();
    const email = uniqueEmail("Invitee").toUpperCase();
    const inv = await createInvitation(
      {
        teamId: team.team.id,
        email,
        role: "reviewer",
        queues: ["support"],
        actor: asUser(team.owner.id),
        actorRole: "owner",
        signInUrl: "http://acl.test/sign-in",
      },
      db,
    );
    expect(inv.email).toBe(email.toLowerCase());
    const [mail] = await listMail({ to: email }, db);
    expect(mail!.text).toContain(`http://acl.test/sign-in?email=${encodeURIComponent(email.toLowerCase())}`);

    expect(
      await code(
        createInvitation(
          {
            ...inv,
            teamId: team.team.id,
            actor: asUser(team.owner.id),
            actorRole: "owner",
            signInUrl: "http://acl.test/sign-in",
          },
          db,
        ),
      ),
    ).toBe("conflict");

    const user = await upsertUserByEmail(db, email);
    // Not before the address is verified by a magic-link sign-in.
    expect(await acceptPendingInvitations({ userId: user.id }, db)).toEqual({ joinedTeamIds: [] });
    await verify(user.id);
    expect(await acceptPendingInvitations({ userId: user.id }, db)).toEqual({ joinedTeamIds: [team.team.id] });
    const members = await listMembers(team.team.id, db);
    expect(members.find((m) => m.userId === user.id)).toMatchObject({ role: "reviewer", queues: ["support"] });
    expect(await listPendingInvitations(team.team.id, db)).toEqual([]);
    // Idempotent: nothing left to accept.
    expect(await acceptPendingInvitations({ userId: user.id }, db)).toEqual({ joinedTeamIds: [] });
  });

  it("only owners invite owners; revoked invitations are never accepted", async () => {
    const team = await createTestTeam();
    const db = getDb();
    const base = { teamId: team.team.id, actor: asUser(team.owner.id), signInUrl: "http://acl.test/sign-in" };
    expect(await code(createInvitation({ ...base, email: uniqueEmail("o"), role: "owner", actorRole: "admin" }, db))).toBe("forbidden");
    expect(await code(createInvitation({ ...base, email: team.owner.email, role: "admin", actorRole: "owner" }, db))).toBe("conflict");

    const email = uniqueEmail("revoked");
    const inv = await createInvitation({ ...base, email, role: "admin", actorRole: "owner" }, db);
    await revokeInvitation({ teamId: team.team.id, invitationId: inv.id, actor: base.actor }, db);
    expect(await code(revokeInvitation({ teamId: team.team.id, invitationId: inv.id, actor: base.actor }, db))).toBe("not_found");
    const user = await upsertUserByEmail(db, email);
    await verify(user.id);
    expect(await acceptPendingInvitations({ userId: user.id }, db)).toEqual({ joinedTeamIds: [] });
  });
});
