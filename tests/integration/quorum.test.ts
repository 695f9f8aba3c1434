import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, tasks } from "@/db/schema";
import type { Principal } from "@/lib/access/principal";
import { createStandaloneTask } from "@/lib/tasks/create";
import { decideTask } from "@/lib/tasks/decide";
import { addMember } from "@/lib/teams";
import { agentPrincipal, createTestTeam, TEST_ACTOR, uniqueEmail } from "../helpers";

async function setUp(quorum = 2) {
  const team = await createTestTeam();
  const agent = agentPrincipal(team);
  const member = async (role: "owner" | "admin" | "reviewer" | "viewer"): Promise<Principal> => {
    const added = await addMember({ teamId: team.team.id, email: uniqueEmail(role), role, actor: TEST_ACTOR });
    return { kind: "user", teamId: team.team.id, actor: { type: "user", id: added.user.id }, role, queues: null };
  };
  const task = await createStandaloneTask({
    principal: agent,
    input: { kind: "approval", queue: "finance", title: "Wire 25,000 EUR", payload: { amount: 25_000 }, quorum },
  });
  return { team, task, alice: await member("admin"), bob: await member("reviewer"), carol: await member("reviewer") };
}

const row = async (id: string) => (await getDb().select().from(tasks).where(eq(tasks.id, id)))[0]!;
const events = async (id: string) =>
  (await getDb().select().from(auditEvents).where(eq(auditEvents.subjectId, id))).map((e) => e.action).sort();

describe("quorum: N distinct approvals of the same proposal", () => {
  it("stays pending after one approval and is approved by the second distinct approver", async () => {
    const { task, alice, bob } = await setUp();
    expect(task).toMatchObject({ quorum: 2, approvals: [] });

    const first = await decideTask({ principal: alice, taskId: task.id, input: { action: "approve" } });
    expect(first).toMatchObject({ outcome: "decided", task: { status: "pending", approvals: [{ actor: alice.actor }] } });
    expect(await row(task.id)).toMatchObject({ status: "pending", decision: null });

    const second = await decideTask({ principal: bob, taskId: task.id, input: { action: "approve", comment: "checked" } });
    expect(second).toMatchObject({
      outcome: "decided",
      task: {
        status: "decided",
        decision: { action: "approve", actor: bob.actor },
        approvals: [{ actor: alice.actor }, { actor: bob.actor }],
      },
    });
    expect(await events(task.id)).toEqual(["task.approval_recorded", "task.approved", "task.created"]);
  });

  it("refuses the same approver twice (409) and counts them once", async () => {
    const { task, alice, bob } = await setUp();
    await decideTask({ principal: alice, taskId: task.id, input: { action: "approve" } });
    const again = await decideTask({ principal: alice, taskId: task.id, input: { action: "approve" } });
    expect(again.outcome).toBe("conflict");
    expect(again).toMatchObject({ message: expect.stringMatching(/already approved .* 2 distinct approvers \(1 so far\)/) });
    expect((await row(task.id)).approvals).toHaveLength(1);
    expect(await decideTask({ principal: bob, taskId: task.id, input: { action: "approve" } })).toMatchObject({
      task: { status: "decided" },
    });
  });

  it("ends with one rejection, even after an approval", async () => {
    const { task, alice, carol } = await setUp();
    await decideTask({ principal: alice, taskId: task.id, input: { action: "approve" } });
    const rejected = await decideTask({ principal: carol, taskId: task.id, input: { action: "reject", comment: "Not this quarter" } });
    expect(rejected).toMatchObject({ outcome: "decided", task: { status: "decided", decision: { action: "reject", actor: carol.actor } } });
    // Nothing more counts.
    expect((await decideTask({ principal: alice, taskId: task.id, input: { action: "approve" } })).outcome).toBe("conflict");
  });

  it("takes no edit (it would change what the others approved)", async () => {
    const { task, alice } = await setUp();
    await expect(
      decideTask({ principal: alice, taskId: task.id, input: { action: "edit", payload: { amount: 1 } } }),
    ).rejects.toMatchObject({
      code: "unprocessable",
    });
    expect(await row(task.id)).toMatchObject({ status: "pending", approvals: [] });
  });

  it("re-checks permissions at each approval: a viewer's approval never counts", async () => {
    const { team, task } = await setUp();
    const added = await addMember({ teamId: team.team.id, email: uniqueEmail("viewer"), role: "viewer", actor: TEST_ACTOR });
    const viewer: Principal = {
      kind: "user",
      teamId: team.team.id,
      actor: { type: "user", id: added.user.id },
      role: "viewer",
      queues: null,
    };
    await expect(decideTask({ principal: viewer, taskId: task.id, input: { action: "approve" } })).rejects.toMatchObject({
      code: "forbidden",
    });
    expect((await row(task.id)).approvals).toEqual([]);
  });

  it("50 concurrent approvals by 3 people record exactly 2 and one decision", async () => {
    const { task, alice, bob, carol } = await setUp();
    const people = [alice, bob, carol];
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => decideTask({ principal: people[i % 3]!, taskId: task.id, input: { action: "approve" } })),
    );
    const after = await row(task.id);
    expect(after.status).toBe("decided");
    expect(after.approvals).toHaveLength(2);
    expect(new Set(after.approvals.map((a) => a.actor.id)).size).toBe(2);
    expect(results.filter((r) => r.outcome === "decided")).toHaveLength(2);
    expect((await events(task.id)).filter((a) => a === "task.approved")).toHaveLength(1);
  });
});
