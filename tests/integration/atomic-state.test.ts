import { and, eq, sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseUrl, getDb } from "@/db/client";
import { auditEvents, runs, tasks } from "@/db/schema";
import type { Principal } from "@/lib/access/principal";
import { failRun } from "@/lib/engine/advance";
import { cancelRun } from "@/lib/engine/runs";
import type { TaskEvent } from "@/lib/realtime/task-events";
import { decideTask } from "@/lib/tasks/decide";
import { expireOverdueTasks, sweepUnappliedDecisions } from "@/lib/tasks/expire";
import { createTestTeam, deciderPrincipal, type TestTeam } from "../helpers";
import { dropRunJobs, fakeWaitingRun, runJobs } from "../support/fake-runs";

let team: TestTeam;
let principal: Principal;
let listener: pg.Client;
const events: TaskEvent[] = [];
const created: string[] = [];

async function waitForEvent(match: (e: TaskEvent) => boolean) {
  for (let i = 0; i < 200; i++) {
    const found = events.find(match);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("no such task event");
}

async function auditFor(subjectId: string) {
  return getDb()
    .select({ action: auditEvents.action, data: auditEvents.data })
    .from(auditEvents)
    .where(and(eq(auditEvents.teamId, team.team.id), eq(auditEvents.subjectId, subjectId)));
}

beforeAll(async () => {
  team = await createTestTeam();
  principal = deciderPrincipal(team);
  listener = new pg.Client({ connectionString: databaseUrl() });
  await listener.connect();
  listener.on("notification", (m) => m.payload && events.push(JSON.parse(m.payload) as TaskEvent));
  await listener.query("listen acl_tasks");
});

afterAll(async () => {
  await listener.end();
  await dropRunJobs(created);
});

describe("atomic task state changes", () => {
  it("expiry changes the task, writes the audit event, publishes the event and enqueues the resume in one transaction", async () => {
    const { runId, taskIds } = await fakeWaitingRun(team.team.id, 1, { queue: "expiry-q" });
    created.push(runId);
    await getDb()
      .update(tasks)
      .set({ dueAt: new Date(Date.now() - 1000) })
      .where(eq(tasks.runId, runId));

    // Fault injection: the resume job cannot be written. Before this change the task stayed
    // expired with its audit event and no resume: a run waiting forever.
    await getDb().execute(
      sql.raw(`create function pg_temp_fail_job() returns trigger language plpgsql as $$ begin
        if new.key = 'run:${runId}' then raise exception 'injected: job queue unavailable'; end if; return new; end $$`),
    );
    await getDb().execute(
      sql.raw(`create trigger fail_job before insert on graphile_worker._private_jobs for each row execute function pg_temp_fail_job()`),
    );
    try {
      const err = await expireOverdueTasks(getDb()).catch((e: Error & { cause?: Error }) => e);
      expect(String((err as Error & { cause?: Error }).cause?.message ?? err)).toMatch(/injected/);
    } finally {
      await getDb().execute(sql.raw(`drop trigger fail_job on graphile_worker._private_jobs`));
      await getDb().execute(sql.raw(`drop function pg_temp_fail_job()`));
    }
    const [still] = await getDb().select().from(tasks).where(eq(tasks.id, taskIds[0]!));
    expect(still!.status).toBe("pending");
    expect(await auditFor(taskIds[0]!)).toEqual([]);

    expect(await expireOverdueTasks(getDb())).toBeGreaterThanOrEqual(1);
    const [expired] = await getDb().select().from(tasks).where(eq(tasks.id, taskIds[0]!));
    expect(expired!.status).toBe("expired");
    expect(await auditFor(taskIds[0]!)).toEqual([
      { action: "task.expired", data: expect.objectContaining({ runId, queue: "expiry-q", onTimeout: "expire" }) },
    ]);
    expect(await runJobs([runId])).toEqual([`run:${runId}`]);
    await waitForEvent((e) => e.teamId === team.team.id && e.event === "expired" && e.queues.includes("expiry-q"));
  });

  it("cancel publishes a task event for the tasks it cancels", async () => {
    const { runId } = await fakeWaitingRun(team.team.id, 2, { queue: "cancel-q" });
    created.push(runId);
    await cancelRun({ teamId: team.team.id, runId, actor: principal.actor });
    const e = await waitForEvent((e) => e.teamId === team.team.id && e.event === "cancelled" && e.queues.includes("cancel-q"));
    expect(e.count).toBe(2);
  });

  it("a failed run cancels its pending tasks (a decision then gets a conflict, not a 200 for a resume that never comes)", async () => {
    const { runId, taskIds } = await fakeWaitingRun(team.team.id, 3, { queue: "fail-q" });
    created.push(runId);
    expect(await decideTask({ principal, taskId: taskIds[0]!, input: { action: "approve" } })).toMatchObject({ outcome: "decided" });
    await failRun({ id: runId, teamId: team.team.id }, "boom");

    const [run] = await getDb().select().from(runs).where(eq(runs.id, runId));
    expect(run!.status).toBe("failed");
    const statuses = await getDb()
      .select({ id: tasks.id, status: tasks.status })
      .from(tasks)
      .where(eq(tasks.runId, runId))
      .orderBy(tasks.id);
    expect(statuses.map((t) => t.status)).toEqual(["decided", "cancelled", "cancelled"]);
    const [failed] = (await auditFor(runId)).filter((a) => a.action === "run.failed");
    expect(failed!.data).toMatchObject({ error: "boom", cancelledTaskIds: [taskIds[1], taskIds[2]] });
    await waitForEvent((e) => e.teamId === team.team.id && e.event === "cancelled" && e.queues.includes("fail-q"));
    expect(await decideTask({ principal, taskId: taskIds[1]!, input: { action: "approve" } })).toMatchObject({ outcome: "conflict" });

    await failRun({ id: runId, teamId: team.team.id }, "again"); // a terminal run is left as it is
    expect((await auditFor(runId)).filter((a) => a.action === "run.failed")).toHaveLength(1);
  });

  it("the sweeper enqueues the resume of a waiting run whose decision no job will apply, and only then", async () => {
    const stuck = await fakeWaitingRun(team.team.id, 1);
    const waitingOnSibling = await fakeWaitingRun(team.team.id, 2);
    created.push(stuck.runId, waitingOnSibling.runId);
    const decidedLongAgo = {
      status: "decided" as const,
      decidedAt: new Date(Date.now() - 120_000),
      decision: { action: "approve" as const, actor: principal.actor, at: new Date().toISOString() },
    };
    await getDb().update(tasks).set(decidedLongAgo).where(eq(tasks.id, stuck.taskIds[0]!));
    // Two questions of ONE interrupt: the decided one waits for its sibling, it is not stuck.
    await getDb().update(tasks).set({ interruptId: "shared", interruptIndex: 1 }).where(eq(tasks.id, waitingOnSibling.taskIds[1]!));
    await getDb().update(tasks).set({ interruptId: "shared" }).where(eq(tasks.id, waitingOnSibling.taskIds[0]!));
    await getDb().update(tasks).set(decidedLongAgo).where(eq(tasks.id, waitingOnSibling.taskIds[0]!));

    expect(await runJobs([stuck.runId, waitingOnSibling.runId])).toEqual([]);
    expect(await sweepUnappliedDecisions(getDb())).toBeGreaterThanOrEqual(1);
    expect(await runJobs([stuck.runId, waitingOnSibling.runId])).toEqual([`run:${stuck.runId}`]);
    await sweepUnappliedDecisions(getDb()); // the job is there now: nothing more for this run
    expect(await runJobs([stuck.runId])).toHaveLength(1);
  });
});
