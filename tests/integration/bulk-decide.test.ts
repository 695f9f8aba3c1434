import { and, eq, inArray } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, tasks, webhookDeliveries } from "@/db/schema";
import type { Principal } from "@/lib/access/principal";
import { verifyAuditChain } from "@/lib/audit/chain";
import { createStandaloneTask } from "@/lib/tasks/create";
import { decideTask, decideTasksBulk } from "@/lib/tasks/decide";
import { addMember } from "@/lib/teams";
import { agentPrincipal, createTestTeam, deciderPrincipal, TEST_ACTOR, uniqueEmail } from "../helpers";
import { dropRunJobs, fakeWaitingRun, runJobs } from "../support/fake-runs";

const created: string[] = [];
afterAll(() => dropRunJobs(created));

/**
 * The set-based bulk decision (one UPDATE, one audit INSERT, one batch of jobs and webhook
 * events) keeps every check of a single decision, task by task, and the audit chain intact.
 */
describe("bulk decisions", () => {
  it("decides a mixed selection in one go: every refusal reported, every decision audited, one job per run", async () => {
    const team = await createTestTeam();
    const teamId = team.team.id;
    const agent = agentPrincipal(team);
    const { user } = await addMember({
      teamId,
      email: uniqueEmail("rev"),
      role: "reviewer",
      queues: ["default", "hooks"],
      actor: TEST_ACTOR,
    });
    const reviewer: Principal = {
      kind: "user",
      teamId,
      actor: { type: "user", id: user.id },
      role: "reviewer",
      queues: ["default", "hooks"],
    };

    const runA = await fakeWaitingRun(teamId, 40);
    const runB = await fakeWaitingRun(teamId, 30);
    created.push(runA.runId, runB.runId);
    const standalone = (input: Record<string, unknown>) =>
      createStandaloneTask({ principal: agent, input: { kind: "approval", queue: "default", title: "t", payload: {}, ...input } as never });
    const hidden = await standalone({ queue: "finance" });
    const hooked = await standalone({ queue: "hooks" });
    const rejectOnly = await standalone({ allowed: ["reject"] });
    const quorum = await standalone({ quorum: 2 });
    const mine = await standalone({ requesterMayDecide: false });
    // The reviewer requested `mine` (separation of duties applies to the requester, whoever created it).
    await getDb().update(tasks).set({ requestedBy: reviewer.actor }).where(eq(tasks.id, mine.id));
    // Written directly: the test machine resolves no DNS, which the callbackUrl guard requires.
    await getDb().update(tasks).set({ callbackUrl: "https://example.com/hook" }).where(eq(tasks.id, hooked.id));
    const already = runA.taskIds[0]!;
    await decideTask({ principal: reviewer, taskId: already, input: { action: "reject" } });

    const ids = [...runA.taskIds, ...runB.taskIds, hidden.id, hooked.id, rejectOnly.id, quorum.id, mine.id, "task_nope", runB.taskIds[0]!];
    const outcomes = await decideTasksBulk({ principal: reviewer, taskIds: ids, input: { action: "approve", comment: "batch" } });

    // One outcome per distinct id, in the order asked.
    expect(outcomes.map((o) => o.taskId)).toEqual([...new Set(ids)]);
    const byId = new Map(outcomes.map((o) => [o.taskId, o]));
    expect(byId.get(already)).toMatchObject({ ok: false, code: "conflict" });
    expect(byId.get(hidden.id)).toMatchObject({ ok: false, code: "not_found" });
    expect(byId.get("task_nope")).toMatchObject({ ok: false, code: "not_found" });
    expect(byId.get(rejectOnly.id)).toMatchObject({ ok: false, code: "unprocessable" });
    expect(byId.get(mine.id)).toMatchObject({ ok: false, code: "forbidden", message: expect.stringContaining("separation of duties") });
    expect(byId.get(quorum.id)).toEqual({ taskId: quorum.id, ok: true });
    const decidedIds = [...runA.taskIds.slice(1), ...runB.taskIds, hooked.id];
    for (const id of decidedIds) expect(byId.get(id)).toEqual({ taskId: id, ok: true });
    expect(outcomes.filter((o) => o.ok)).toHaveLength(decidedIds.length + 1);

    const rows = await getDb().select().from(tasks).where(inArray(tasks.id, decidedIds));
    expect(rows).toHaveLength(decidedIds.length);
    for (const row of rows) {
      expect(row).toMatchObject({ status: "decided", decision: { action: "approve", comment: "batch", actor: reviewer.actor } });
      expect(row.decidedAt).toBeInstanceOf(Date);
    }
    // The quorum task took one approval and waits for a second approver; the refused ones are untouched.
    const [q] = await getDb().select().from(tasks).where(eq(tasks.id, quorum.id));
    expect(q).toMatchObject({ status: "pending", decision: null, approvals: [{ actor: reviewer.actor }] });
    const untouched = await getDb()
      .select()
      .from(tasks)
      .where(inArray(tasks.id, [hidden.id, rejectOnly.id, mine.id]));
    expect(untouched.every((t) => t.status === "pending" && t.decision === null)).toBe(true);

    // One audit event per decision (plus the quorum approval), sealed into the team's chain.
    const approved = await getDb()
      .select({ subjectId: auditEvents.subjectId, data: auditEvents.data })
      .from(auditEvents)
      .where(and(eq(auditEvents.teamId, teamId), eq(auditEvents.action, "task.approved")));
    expect(approved.map((e) => e.subjectId).sort()).toEqual([...decidedIds].sort());
    expect(approved.find((e) => e.subjectId === hooked.id)?.data).toMatchObject({
      queue: "hooks",
      before: { status: "pending" },
      after: { status: "decided", decision: { action: "approve" } },
    });
    const approvals = await getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.teamId, teamId), eq(auditEvents.action, "task.approval_recorded")));
    expect(approvals.map((e) => e.subjectId)).toEqual([quorum.id]);
    expect(await verifyAuditChain({ teamId })).toMatchObject({ ok: true });

    // One resume job per run; one webhook event for the task with a callback.
    expect((await runJobs([runA.runId, runB.runId])).sort()).toEqual([`run:${runA.runId}`, `run:${runB.runId}`].sort());
    const hooks = await getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.teamId, teamId));
    expect(hooks.map((h) => [h.taskId, h.type])).toEqual([[hooked.id, "task.decided"]]);
    expect(JSON.parse(hooks[0]!.body)).toMatchObject({
      id: hooks[0]!.id,
      type: "task.decided",
      task: { id: hooked.id, status: "decided" },
    });
  });

  it("decides 500 tasks of 50 runs and keeps two overlapping bulk decisions exact", async () => {
    const team = await createTestTeam();
    const teamId = team.team.id;
    const reviewer = deciderPrincipal(team);
    const runsMade = await Promise.all(Array.from({ length: 50 }, () => fakeWaitingRun(teamId, 10)));
    created.push(...runsMade.map((r) => r.runId));
    const all = runsMade.flatMap((r) => r.taskIds);
    // Two bulk decisions over overlapping halves, at once: each task decided exactly once.
    const [a, b] = await Promise.all([
      decideTasksBulk({ principal: reviewer, taskIds: all.slice(0, 350), input: { action: "approve" } }),
      decideTasksBulk({ principal: reviewer, taskIds: all.slice(150), input: { action: "reject" } }),
    ]);
    const wins = [...a, ...b].filter((o) => o.ok).map((o) => o.taskId);
    expect(wins.sort()).toEqual([...all].sort());
    expect([...a, ...b].filter((o) => !o.ok).every((o) => !o.ok && o.code === "conflict")).toBe(true);
    const events = await getDb()
      .select({ subjectId: auditEvents.subjectId })
      .from(auditEvents)
      .where(and(eq(auditEvents.teamId, teamId), inArray(auditEvents.action, ["task.approved", "task.rejected"])));
    expect(events).toHaveLength(500);
    expect(await verifyAuditChain({ teamId })).toMatchObject({ ok: true, events: 500 + 3 });
    expect(await runJobs(runsMade.map((r) => r.runId))).toHaveLength(50);
  });
});
