import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, tasks } from "@/db/schema";
import type { Principal } from "@/lib/access/principal";
import { createStandaloneTask } from "@/lib/tasks/create";
import { decideTask } from "@/lib/tasks/decide";
import { taskSeenHash } from "@/lib/tasks/seen-hash";
import { agentPrincipal, createTestTeam } from "../helpers";

async function setUp() {
  const team = await createTestTeam();
  const agent = agentPrincipal(team);
  const owner: Principal = { kind: "user", teamId: team.team.id, actor: { type: "user", id: team.owner.id }, role: "owner", queues: null };
  const task = await createStandaloneTask({
    principal: agent,
    input: { kind: "approval", queue: "ops", title: "Deploy v1", payload: { version: "1.0.0", target: "prod" } },
  });
  return { team, owner, task };
}

const decisionEvents = (taskId: string) =>
  getDb()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectId, taskId), sql`${auditEvents.action} like 'task.%' and ${auditEvents.action} <> 'task.created'`));

describe("a decision is bound to what the reviewer saw (seenHash)", () => {
  it("the hash covers what is shown, not key order or who is assigned", async () => {
    const { task } = await setUp();
    const [row] = await getDb().select().from(tasks).where(eq(tasks.id, task.id));
    expect(task.seenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(taskSeenHash(row!)).toBe(task.seenHash);
    expect(taskSeenHash({ ...row!, payload: { target: "prod", version: "1.0.0" } })).toBe(task.seenHash); // key order
    expect(taskSeenHash({ ...row!, assigneeId: "someone" } as typeof row)).toBe(task.seenHash);
    expect(taskSeenHash({ ...row!, payload: { version: "1.0.1", target: "prod" } })).not.toBe(task.seenHash);
    expect(taskSeenHash({ ...row!, queue: "finance" })).not.toBe(task.seenHash);
    expect(taskSeenHash({ ...row!, allowed: ["approve"] })).not.toBe(task.seenHash);
  });

  it("refuses a decision on a task that changed since it was seen, and records nothing", async () => {
    const { owner, task } = await setUp();
    // The task changes under the reviewer's eyes (e.g. the agent revised its draft).
    await getDb()
      .update(tasks)
      .set({ payload: { version: "2.0.0", target: "prod" } })
      .where(eq(tasks.id, task.id));

    const stale = await decideTask({ principal: owner, taskId: task.id, input: { action: "approve", seenHash: task.seenHash } });
    expect(stale.outcome).toBe("conflict");
    if (stale.outcome !== "conflict") throw new Error("unreachable");
    expect(stale.message).toMatch(/changed since it was looked at/);
    expect(stale.task).toMatchObject({ status: "pending", payload: { version: "2.0.0" } });
    expect(stale.task.seenHash).not.toBe(task.seenHash);

    const [row] = await getDb().select().from(tasks).where(eq(tasks.id, task.id));
    expect(row).toMatchObject({ status: "pending", decision: null, decidedAt: null });
    expect(await decisionEvents(task.id)).toEqual([]);
    const jobs = await getDb().execute(
      sql`select count(*)::int as n from graphile_worker._private_jobs where payload->>'taskId' = ${task.id}`,
    );
    expect(jobs.rows[0]).toEqual({ n: 0 });

    // Looking again (the new hash) lets the decision through, and the audit keeps the hash seen.
    const fresh = await decideTask({ principal: owner, taskId: task.id, input: { action: "approve", seenHash: stale.task.seenHash } });
    expect(fresh).toMatchObject({ outcome: "decided", task: { status: "decided", decision: { action: "approve" } } });
    const events = await decisionEvents(task.id);
    expect(events.map((e) => [e.action, (e.data as { seenHash: string }).seenHash])).toEqual([["task.approved", stale.task.seenHash]]);
  });

  it("without seenHash (API clients that do not send it) the decision goes through as before", async () => {
    const { owner, task } = await setUp();
    expect(await decideTask({ principal: owner, taskId: task.id, input: { action: "reject" } })).toMatchObject({ outcome: "decided" });
  });
});
