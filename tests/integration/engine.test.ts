import { Annotation, END, interrupt, START, StateGraph } from "@langchain/langgraph";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { getDb } from "@/db/client";
import { runs, tasks } from "@/db/schema";
import type { Principal } from "@/lib/access/principal";
import { advanceRun } from "@/lib/engine/advance";
import { acquireRunLock } from "@/lib/engine/run-lock";
import { getRunOrThrow, startRun } from "@/lib/engine/runs";
import { newId } from "@/lib/ids";
import { startWorker, type WorkerHandle } from "@/lib/engine/worker";
import { createStandaloneTask } from "@/lib/tasks/create";
import { resumeTask } from "@/lib/engine/resume";
import { expireOverdueTasks } from "@/lib/tasks/expire";
import { listTasks } from "@/lib/tasks/queries";
import { registerWorkflow } from "@/lib/workflows";
import { defineWorkflow } from "@/lib/workflows/types";
import { agentPrincipal, createTestTeam, deciderPrincipal, type TestTeam } from "../helpers";

// A graph written for LangChain's Agent Inbox, unchanged: interrupt([HumanInterrupt]) → [HumanResponse].
const InboxState = Annotation.Root({ input: Annotation<{ to: string }>, output: Annotation<unknown> });
registerWorkflow(
  defineWorkflow({
    id: "test-agent-inbox",
    name: "Agent Inbox graph",
    description: "test",
    inputSchema: z.object({ to: z.string() }),
    compile: (checkpointer) =>
      new StateGraph(InboxState)
        .addNode("ask", (s: typeof InboxState.State) => {
          const [response] = interrupt([
            {
              action_request: { action: "send_email", args: { to: s.input.to, subject: "Hi" } },
              config: { allow_ignore: true, allow_respond: true, allow_edit: true, allow_accept: true },
              description: "Send this email?",
            },
          ]) as Array<{ type: string; args: unknown }>;
          return { output: response };
        })
        .addEdge(START, "ask")
        .addEdge("ask", END)
        .compile({ checkpointer }),
  }) as never,
);

let team: TestTeam;
let principal: Principal;
let agent: Principal;
let worker: WorkerHandle;

async function settle(runId: string, statuses: string[] = ["waiting", "completed", "failed", "cancelled"]) {
  for (let i = 0; i < 300; i++) {
    const run = await getRunOrThrow({ teamId: team.team.id, runId });
    if (statuses.includes(run.status)) return run;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`run ${runId} did not settle`);
}

beforeAll(async () => {
  team = await createTestTeam();
  agent = agentPrincipal(team);
  principal = deciderPrincipal(team);
  worker = await startWorker({ concurrency: 2 });
});
afterAll(async () => {
  await worker?.stop();
});

describe("engine", () => {
  it("runs an Agent Inbox graph unchanged: the edit arrives as a HumanResponse", async () => {
    const run = await startRun({
      teamId: team.team.id,
      workflow: "test-agent-inbox",
      input: { to: "a@example.com" },
      actor: agent.actor,
    });
    const waiting = await settle(run.id);
    expect(waiting.status).toBe("waiting");
    const [task] = (await listTasks({ principal, filters: { runId: run.id }, limit: 10 })).items;
    expect(task).toMatchObject({ kind: "approval", title: "send_email", allowed: ["approve", "edit", "reject", "respond"] });
    await resumeTask({ principal, taskId: task!.id, input: { action: "edit", payload: { to: "b@example.com", subject: "Hello" } } });
    const done = await settle(run.id, ["completed", "failed"]);
    expect(done.status).toBe("completed");
    expect(done.output).toEqual({ type: "edit", args: { action: "send_email", args: { to: "b@example.com", subject: "Hello" } } });
  });

  it("answering one of several interrupts leaves the others pending with the same ids", async () => {
    const leads = [1, 2, 3].map((i) => ({ name: `L ${i}`, email: `l${i}@example.com`, company: "Co" }));
    const run = await startRun({ teamId: team.team.id, workflow: "email-outreach", input: { leads }, actor: agent.actor });
    await settle(run.id);
    const before = await getDb().select().from(tasks).where(eq(tasks.runId, run.id)).orderBy(tasks.id);
    expect(before).toHaveLength(3);
    await resumeTask({ principal, taskId: before[0]!.id, input: { action: "approve" } });
    // The resume job applies the decision (appliedAt is set) and the run is synced back to
    // waiting on exactly the other two. Either never happening fails the test.
    let applied = false;
    for (let i = 0; i < 600 && !applied; i++) {
      const [row] = await getDb().select().from(tasks).where(eq(tasks.id, before[0]!.id));
      applied = row!.appliedAt !== null;
      if (!applied) await new Promise((r) => setTimeout(r, 50));
    }
    expect(applied, "the resume job applied the decision").toBe(true);
    const others = before.slice(1).map((t) => t.id);
    for (let i = 0; i < 600; i++) {
      const now = await getRunOrThrow({ teamId: team.team.id, runId: run.id });
      if (now.status === "waiting" && [...now.pendingTaskIds].sort().join() === [...others].sort().join()) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const after = await getDb().select().from(tasks).where(eq(tasks.runId, run.id)).orderBy(tasks.id);
    expect(after).toHaveLength(3);
    expect(after.map((t) => t.interruptId)).toEqual(before.map((t) => t.interruptId));
    expect(after.filter((t) => t.status === "pending")).toHaveLength(2);
    const synced = await getRunOrThrow({ teamId: team.team.id, runId: run.id });
    expect(synced.status).toBe("waiting");
    expect([...synced.pendingTaskIds].sort()).toEqual([...others].sort());
  });

  it("expires overdue tasks: the agent gets a system rejection and the run moves on", async () => {
    const run = await startRun({
      teamId: team.team.id,
      workflow: "refund",
      input: { orderId: "exp-1", amount: 99, currency: "USD", reason: "late", customerEmail: "c@example.com" },
      actor: agent.actor,
    });
    await settle(run.id);
    await getDb()
      .update(tasks)
      .set({ dueAt: new Date(Date.now() - 1000) })
      .where(and(eq(tasks.runId, run.id)));
    expect(await expireOverdueTasks(getDb())).toBeGreaterThanOrEqual(1);
    const done = await settle(run.id, ["completed", "failed"]);
    expect(done.output).toEqual({ refunded: false, amount: 0 });
    const [task] = await getDb().select().from(tasks).where(eq(tasks.runId, run.id));
    expect(task!.status).toBe("expired");
    expect(task!.decision).toMatchObject({ action: "reject", actor: { type: "system", id: "expiry" } });
  });

  it("standalone tasks are decided once and keep the decision", async () => {
    const task = await createStandaloneTask({
      principal: agent,
      input: { kind: "approval", queue: "ops", title: "Deploy v2", payload: { version: 2 } },
    });
    expect(task).toMatchObject({ runId: null, status: "pending", allowed: ["approve", "edit", "reject"] });
    const { task: decided, run } = await resumeTask({ principal, taskId: task.id, input: { action: "approve", comment: "ship it" } });
    expect(run).toBeNull();
    expect(decided.decision).toMatchObject({ action: "approve", comment: "ship it", actor: principal.actor }); // the reviewer tool, not the agent
    await expect(resumeTask({ principal, taskId: task.id, input: { action: "reject" } })).rejects.toMatchObject({ code: "conflict" });
  });

  it("a second execution of the same run waits for the run lock instead of forking the thread", async () => {
    const id = newId("run");
    await getDb()
      .insert(runs)
      .values({
        id,
        teamId: team.team.id,
        workflow: "refund",
        input: { orderId: "lock-1", amount: 99, currency: "USD", reason: "x", customerEmail: "c@example.com" },
      });
    const held = await acquireRunLock(id);
    expect(held).not.toBeNull();
    await advanceRun(id); // another execution holds the lock: it must not touch the graph
    expect((await getRunOrThrow({ teamId: team.team.id, runId: id })).status).toBe("queued");
    const jobs = await getDb().execute(sql`select run_at > now() as later from graphile_worker._private_jobs where key = ${`run:${id}`}`);
    expect(jobs.rows).toEqual([{ later: true }]); // it re-enqueued itself for later
    await held!.release();
    const waiting = await settle(id);
    expect(waiting.status).toBe("waiting");
    expect(await getDb().select().from(tasks).where(eq(tasks.runId, id))).toHaveLength(1);
  });
});
