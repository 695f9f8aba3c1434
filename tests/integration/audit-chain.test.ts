import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, getPool } from "@/db/client";
import { auditEvents, teams } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { verifyAuditChain } from "@/lib/audit/chain";
import { addMember, setNotifyEmail } from "@/lib/teams";
import { auditSession } from "@/lib/teams/sessions";
import { createTestTeam, runCli, TEST_ACTOR, uniqueEmail } from "../helpers";

async function eventCount(teamId: string) {
  const [row] = await getDb().select({ n: count() }).from(auditEvents).where(eq(auditEvents.teamId, teamId));
  return row!.n;
}

/** A superuser's tampering: the guard trigger off, one statement, the guard back on — atomically. */
async function tamper(statement: string, params: unknown[]) {
  const client = await getPool().connect();
  try {
    await client.query("begin");
    await client.query("alter table audit_events disable trigger audit_events_guard");
    await client.query(statement, params);
    await client.query("alter table audit_events enable trigger audit_events_guard");
    await client.query("commit");
  } catch (err) {
    await client.query("rollback");
    throw err;
  } finally {
    client.release();
  }
}

async function sqlError(statement: string, params: unknown[] = []) {
  return getPool()
    .query(statement, params)
    .then(() => null)
    .catch((err: Error) => err.message);
}

describe("tamper-evident audit log", () => {
  it("chains every event of a team, also under 40 concurrent writers, with unicode and odd numbers in the data", async () => {
    const team = await createTestTeam();
    await addMember({ teamId: team.team.id, email: uniqueEmail("rev"), role: "reviewer", actor: TEST_ACTOR });
    await setNotifyEmail({ teamId: team.team.id, userId: team.owner.id, notifyEmail: false, actor: TEST_ACTOR });
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        getDb().transaction((tx) =>
          recordAudit(tx, {
            teamId: team.team.id,
            actor: TEST_ACTOR,
            action: "test.concurrent",
            subjectType: "test",
            subjectId: `s${i}`,
            data: { i, text: 'héllo "quoted" \\ 🚀 ∑ \n line', nested: { z: 1.5, a: [1, null, true], big: 12345678901234 } },
          }),
        ),
      ),
    );
    const n = await eventCount(team.team.id);
    expect(n).toBe(3 + 1 + 1 + 40); // team.created, 2 × apikey.created (agent + reviewer tool), member.added, notifications, 40 concurrent
    expect(await verifyAuditChain({ teamId: team.team.id })).toMatchObject({ ok: true, events: n });
    const seqs = (await getDb().select({ seq: auditEvents.seq }).from(auditEvents).where(eq(auditEvents.teamId, team.team.id)))
      .map((r) => r.seq)
      .sort((a, b) => a! - b!);
    expect(seqs).toEqual(Array.from({ length: n }, (_, i) => i + 1));
  });

  it("a rolled-back event takes no place in the chain", async () => {
    const team = await createTestTeam();
    await getDb()
      .transaction(async (tx) => {
        await recordAudit(tx, { teamId: team.team.id, actor: TEST_ACTOR, action: "test.rollback", subjectType: "test", subjectId: "x" });
        throw new Error("roll back");
      })
      .catch(() => {});
    expect(await verifyAuditChain({ teamId: team.team.id })).toMatchObject({ ok: true, events: 3 }); // the test team's own 3
  });

  it("the database refuses UPDATE, DELETE and TRUNCATE of audit events", async () => {
    const team = await createTestTeam();
    expect(await sqlError("update audit_events set action = 'x' where team_id = $1", [team.team.id])).toMatch(/append-only/);
    expect(await sqlError("update audit_events set hash = null where team_id = $1", [team.team.id])).toMatch(/append-only/);
    expect(await sqlError("delete from audit_events where team_id = $1", [team.team.id])).toMatch(/append-only/);
    expect(await sqlError("truncate audit_events")).toMatch(/append-only/);
    expect(await eventCount(team.team.id)).toBe(3);
  });

  it("deleting a team keeps its history, still verifiable", async () => {
    const team = await createTestTeam();
    await getDb().delete(teams).where(eq(teams.id, team.team.id));
    expect(await getDb().select().from(teams).where(eq(teams.id, team.team.id))).toEqual([]);
    expect(await eventCount(team.team.id)).toBe(3);
    expect(await verifyAuditChain({ teamId: team.team.id })).toEqual({ ok: true, events: 3, head: expect.objectContaining({ seq: 3 }) });
  });

  it("sign-in and sign-out are audited in each of the user's teams", async () => {
    const a = await createTestTeam();
    const b = await createTestTeam();
    const user = await addMember({ teamId: a.team.id, email: uniqueEmail("both"), role: "viewer", actor: TEST_ACTOR });
    await addMember({ teamId: b.team.id, email: user.user.email, role: "reviewer", actor: TEST_ACTOR });
    expect(await auditSession({ userId: user.user.id, action: "user.signed_in", provider: "email" })).toEqual({ teams: 2 });
    await auditSession({ userId: user.user.id, action: "user.signed_out" });
    for (const team of [a, b]) {
      const rows = await getDb()
        .select({ action: auditEvents.action, data: auditEvents.data })
        .from(auditEvents)
        .where(and(eq(auditEvents.teamId, team.team.id), eq(auditEvents.subjectId, user.user.id)))
        .orderBy(auditEvents.seq);
      expect(rows).toEqual([
        { action: "user.signed_in", data: { provider: "email" } },
        { action: "user.signed_out", data: {} },
      ]);
      expect(await verifyAuditChain({ teamId: team.team.id })).toMatchObject({ ok: true });
    }
  });

  it("audit:verify prints {ok: true, events: N} and exits 0; after a superuser alters or deletes a row it exits 1 with the first broken link", async () => {
    const team = await createTestTeam();
    await addMember({ teamId: team.team.id, email: uniqueEmail("m"), role: "viewer", actor: TEST_ACTOR });
    await setNotifyEmail({ teamId: team.team.id, userId: team.owner.id, notifyEmail: false, actor: TEST_ACTOR });

    const good = await runCli(["audit:verify", "--team", team.team.slug]);
    expect(good.code, good.stderr).toBe(0);
    expect(good.json()).toMatchObject({ ok: true, events: 5 });

    // Alter the data of event 2 (the trigger refuses; a superuser disables it first).
    await tamper("update audit_events set data = jsonb_set(data, '{name}', '\"innocent\"') where team_id = $1 and seq = 2", [team.team.id]);
    const altered = await runCli(["audit:verify", "--team", team.team.slug]);
    expect(altered.code).toBe(1);
    expect(altered.json()).toMatchObject({ ok: false, events: 1, broken: { seq: 2, reason: "hash" } });

    // Recomputing the altered row's own hash does not help: the next link names the old hash.
    await tamper(
      `update audit_events set hash = audit_digest(seq, id, team_id, at, actor_type, actor_id, action, subject_type, subject_id, data, prev_hash)
       where team_id = $1 and seq = 2`,
      [team.team.id],
    );
    expect(await verifyAuditChain({ teamId: team.team.id })).toMatchObject({
      ok: false,
      events: 2,
      broken: { seq: 3, reason: "prev_hash" },
    });

    const other = await createTestTeam();
    await addMember({ teamId: other.team.id, email: uniqueEmail("m"), role: "viewer", actor: TEST_ACTOR });
    await tamper("delete from audit_events where team_id = $1 and seq = 2", [other.team.id]);
    const deleted = await runCli(["audit:verify", "--team", other.team.slug]);
    expect(deleted.code).toBe(1);
    expect(deleted.json()).toMatchObject({ ok: false, events: 1, broken: { seq: 3, reason: "gap" } });
  });
});
