import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { tasks } from "@/db/schema";
import type { Principal } from "@/lib/access/principal";
import { assignTask } from "@/lib/tasks/assign";
import { createStandaloneTask } from "@/lib/tasks/create";
import { resumeTask } from "@/lib/engine/resume";
import { decideTasksBulk } from "@/lib/tasks/decide";
import { addMember } from "@/lib/teams";
import { createTestTeam, TEST_ACTOR, uniqueEmail } from "../helpers";

/** A reviewer limited to `support` must not find, claim or decide `finance` tasks by id. */
describe("queue access in the task services", () => {
  it("hides other queues' tasks from a queue-limited reviewer in decide, bulk decide and assign", async () => {
    const team = await createTestTeam();
    const agent: Principal = {
      kind: "api_key",
      teamId: team.team.id,
      actor: { type: "api_key", id: team.apiKeyId },
      scopes: ["runs", "tasks"],
      queues: null,
    };
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
});
