import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { auditEvents, feedback, tasks } from "@/db/schema";
import type { Principal } from "@/lib/access/principal";
import { recordFeedback, setExampleStatus } from "@/lib/feedback";
import { assignTask } from "@/lib/tasks/assign";
import { createStandaloneTask } from "@/lib/tasks/create";
import { resumeTask } from "@/lib/engine/resume";
import { decideTasksBulk } from "@/lib/tasks/decide";
import { addMember } from "@/lib/teams";
import { agentPrincipal, createTestTeam, TEST_ACTOR, uniqueEmail } from "../helpers";

/** A reviewer limited to `support` must not find, claim or decide `finance` tasks by id. */
describe("queue access in the task services", () => {
  it("hides other queues' tasks from a queue-limited reviewer in decide, bulk decide and assign", async () => {
    const team = await createTestTeam();
    const agent = agentPrincipal(team);
    const finance = await createStandaloneTask({
      principal: agent,
      input: { kind: "approval", queue: "finance", title: "Refund 900", payload: {} },
    });
    const support = await createStandaloneTask({
      principal: agent,
      input: { kind: "approval", queue: "support", title: "Refund 90", payload: {} },
    });
    const { user } = await getDb().transaction((tx) =>
      addMember({ teamId: team.team.id, email: uniqueEmail("rev"), role: "reviewer", queues: ["support"], actor: TEST_ACTOR }, tx),
    );
    const reviewer: Principal = {
      kind: "user",
      teamId: team.team.id,
      actor: { type: "user", id: user.id },
      role: "reviewer",
      queues: ["support"],
    };

    await expect(resumeTask({ principal: reviewer, taskId: finance.id, input: { action: "approve" } })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(assignTask({ principal: reviewer, taskId: finance.id, assigneeId: user.id })).rejects.toMatchObject({ code: "not_found" });
    const outcomes = await decideTasksBulk({ principal: reviewer, taskIds: [finance.id, support.id], input: { action: "approve" } });
    expect(outcomes).toEqual([
      expect.objectContaining({ taskId: finance.id, ok: false, code: "not_found" }),
      { taskId: support.id, ok: true },
    ]);
    expect((await assignTask({ principal: reviewer, taskId: finance.id, assigneeId: null }).catch((e) => e)).code).toBe("not_found");

    // A viewer reads every queue but decides nothing, through the service the dashboard's bulk
    // action (decideTasksAction) and the resume route share.
    const other = await createStandaloneTask({
      principal: agent,
      input: { kind: "approval", queue: "support", title: "Refund 91", payload: {} },
    });
    const { user: viewerUser } = await getDb().transaction((tx) =>
      addMember({ teamId: team.team.id, email: uniqueEmail("view"), role: "viewer", actor: TEST_ACTOR }, tx),
    );
    const viewer: Principal = {
      kind: "user",
      teamId: team.team.id,
      actor: { type: "user", id: viewerUser.id },
      role: "viewer",
      queues: null,
    };
    await expect(decideTasksBulk({ principal: viewer, taskIds: [other.id], input: { action: "approve" } })).rejects.toMatchObject({
      code: "forbidden",
      message: expect.stringContaining("tasks.decide"),
    });
    await expect(resumeTask({ principal: viewer, taskId: other.id, input: { action: "approve" } })).rejects.toMatchObject({
      code: "forbidden",
    });
    const [row] = await getDb().select().from(tasks).where(eq(tasks.id, other.id));
    expect(row).toMatchObject({ status: "pending", decision: null });
  });

  it("does not let a reviewer curate (promote/retire) another queue's feedback by id: 404, nothing changed, nothing audited", async () => {
    const team = await createTestTeam();
    const agent = agentPrincipal(team);
    // One human edit in each queue, stored by the feedback sink as a decision would.
    const edits: Record<string, string> = {};
    for (const queue of ["finance", "support"]) {
      const task = await createStandaloneTask({
        principal: agent,
        input: { kind: "approval", queue, title: `Draft for ${queue}`, payload: { text: "draft" } },
      });
      await recordFeedback(getDb(), {
        teamId: team.team.id,
        taskId: task.id,
        runId: null,
        workflow: "content-draft",
        original: { text: "draft" },
        edited: { text: "edited" },
      });
      const [row] = await getDb().select().from(feedback).where(eq(feedback.taskId, task.id));
      edits[queue] = row!.id;
    }
    const { user } = await getDb().transaction((tx) =>
      addMember({ teamId: team.team.id, email: uniqueEmail("cur"), role: "reviewer", queues: ["support"], actor: TEST_ACTOR }, tx),
    );
    const reviewer: Principal = {
      kind: "user",
      teamId: team.team.id,
      actor: { type: "user", id: user.id },
      role: "reviewer",
      queues: ["support"],
    };
    const curationEvents = () =>
      getDb()
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.teamId, team.team.id), eq(auditEvents.subjectType, "feedback")));

    for (const status of ["promoted", "retired", "candidate"] as const) {
      await expect(setExampleStatus({ principal: reviewer, feedbackId: edits.finance!, status })).rejects.toMatchObject({
        code: "not_found",
        message: `No feedback with id '${edits.finance}' in this team.`,
      });
    }
    const [hidden] = await getDb().select().from(feedback).where(eq(feedback.id, edits.finance!));
    expect(hidden).toMatchObject({ exampleStatus: "candidate", exampleChangedAt: null, exampleChangedBy: null });
    expect(await curationEvents()).toEqual([]);

    // The queue the reviewer works: curated and audited; an owner curates every queue.
    expect(await setExampleStatus({ principal: reviewer, feedbackId: edits.support!, status: "promoted" })).toMatchObject({
      exampleStatus: "promoted",
    });
    const owner: Principal = { ...reviewer, actor: TEST_ACTOR, role: "owner", queues: null };
    expect(await setExampleStatus({ principal: owner, feedbackId: edits.finance!, status: "retired" })).toMatchObject({
      exampleStatus: "retired",
    });
    expect((await curationEvents()).map((e) => [e.action, e.subjectId]).sort()).toEqual(
      [
        ["feedback.promoted", edits.support],
        ["feedback.retired", edits.finance],
      ].sort(),
    );
  });
});
