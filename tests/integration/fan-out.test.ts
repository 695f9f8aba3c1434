import { Annotation, END, START, StateGraph } from "@langchain/langgraph";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { getDb } from "@/db/client";
import { mailMessages, runs, tasks } from "@/db/schema";
import { cancelRun, getRunOrThrow, listRuns, startRun } from "@/lib/engine/runs";
import { startWorker, type WorkerHandle } from "@/lib/engine/worker";
import { approvalGate, fanOut } from "@/lib/hitl";
import { listTasks } from "@/lib/tasks/queries";
import { listWorkflows, registerWorkflow } from "@/lib/workflows";
import { defineWorkflow, type WorkflowDefinition } from "@/lib/workflows/types";
import { createTestTeam, type TestTeam } from "../helpers";
import { runDriver } from "../support/runs";

/**
 * Fan-out (lib/hitl fanOut, lib/engine/children.ts): one child run per item, each with its own
 * thread. A decision resumes only its child: the cost per decision does not grow with the
 * number of items (the old one-thread outreach re-ran every pending sibling gate on each resume).
 */

// Node executions, counted in this process (the worker runs here).
const calls = { parent: 0, child: 0 };

const ItemState = Annotation.Root({ input: Annotation<{ n: number; fail?: boolean }>, output: Annotation<unknown> });
const item = defineWorkflow({
  id: "test-fan-out-item",
  name: "Fan-out item",
  description: "test",
  inputSchema: z.object({ n: z.number().int(), fail: z.boolean().optional() }),
  graph: new StateGraph(ItemState)
    .addNode("gate", (s: typeof ItemState.State) => {
      calls.child += 1;
      if (s.input.fail) throw Object.assign(new Error(`item ${s.input.n} failed on purpose`), { permanent: true });
      const gate = approvalGate({ queue: "fan", title: `Item ${s.input.n}`, payload: { n: s.input.n } });
      return { output: { n: s.input.n, action: gate.action } };
    })
    .addEdge(START, "gate")
    .addEdge("gate", END),
});
const ParentState = Annotation.Root({ input: Annotation<{ items: number; failAt?: number }>, output: Annotation<unknown> });
registerWorkflow(
  defineWorkflow({
    id: "test-fan-out",
    name: "Fan-out parent",
    description: "test",
    inputSchema: z.object({ items: z.number().int().min(0).max(500), failAt: z.number().int().optional() }),
    children: [item as WorkflowDefinition],
    graph: new StateGraph(ParentState)
      .addNode("fan", (s: typeof ParentState.State) => {
        calls.parent += 1;
        const inputs = Array.from({ length: s.input.items }, (_, n) => ({ n, ...(n === s.input.failAt ? { fail: true } : {}) }));
        return { output: { items: fanOut(item, inputs) } };
      })
      .addEdge(START, "fan")
      .addEdge("fan", END),
  }) as WorkflowDefinition,
);

let team: TestTeam;
let worker: WorkerHandle;
const driver = runDriver(() => team);

beforeAll(async () => {
  team = await createTestTeam();
  worker = await startWorker({ concurrency: 4 });
});
afterAll(async () => {
  await worker?.stop();
});

async function until<T>(what: string, read: () => Promise<T>, done: (v: T) => boolean, tries = 600): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = await read();
    if (done(v)) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Waits until the decision on `taskId` was applied and its thread has stopped again. */
async function applied(taskId: string) {
  const [task] = await getDb().select().from(tasks).where(eq(tasks.id, taskId));
  const thread = task!.childRunId ?? task!.runId!;
  await until(
    `task ${taskId} applied`,
    async () => {
      const [t] = await getDb().select({ appliedAt: tasks.appliedAt }).from(tasks).where(eq(tasks.id, taskId));
      const [r] = await getDb().select({ status: runs.status }).from(runs).where(eq(runs.id, thread));
      return t!.appliedAt !== null && ["waiting", "completed"].includes(r!.status);
    },
    Boolean,
  );
}

/** Checkpoint rows (checkpoints and their writes) per thread: what each invocation of a thread leaves behind. */
async function checkpointRows(threadIds: string[]) {
  const ids = sql`array[${sql.join(
    threadIds.map((id) => sql`${id}`),
    sql`, `,
  )}]::text[]`;
  const result = await getDb().execute<{ thread_id: string; n: number }>(sql`
    select thread_id, count(*)::int as n from (
      select thread_id from langgraph.checkpoints where thread_id = any(${ids})
      union all select thread_id from langgraph.checkpoint_writes where thread_id = any(${ids})) w
    group by thread_id`);
  return new Map(result.rows.map((r) => [r.thread_id, r.n]));
}

describe("fanOut: one child run per item", () => {
  it(
    "node runs per decision do not grow with the number of items (10 and 50 items, decided one by one)",
    { timeout: 600_000 },
    async () => {
      const perDecision: Record<number, number[]> = {};
      for (const n of [10, 50]) {
        const run = await driver.start("test-fan-out", { items: n });
        expect(run.status).toBe("waiting");
        expect(run.pendingTaskIds).toHaveLength(n);
        const pending = await driver.pending(run.id);
        expect(pending).toHaveLength(n);
        const before = { ...calls };
        perDecision[n] = [];
        for (const task of pending.slice(0, -1)) {
          const c = calls.child + calls.parent;
          await driver.decide(task.id, { action: "approve" });
          await applied(task.id);
          perDecision[n]!.push(calls.child + calls.parent - c);
        }
        expect(calls.parent).toBe(before.parent); // the parent slept through every decision but the last
        await driver.decide(pending.at(-1)!.id, { action: "approve" });
        const done = await driver.settle(run.id, ["completed", "failed"]);
        expect(done.status).toBe("completed");
        expect((done.output as { items: Array<{ n: number }> }).items.map((o) => o.n)).toEqual(Array.from({ length: n }, (_, i) => i));
        // Each child's gate ran once to ask and once to resume; the parent's node once more at the end.
        expect(calls.child - before.child).toBe(n);
        expect(calls.parent - before.parent).toBe(1);
      }
      // Exactly one node run per decision (the decided item's gate), for 10 items as for 50.
      expect(new Set([...perDecision[10]!, ...perDecision[50]!])).toEqual(new Set([1]));
    },
  );

  it(
    "email-outreach: checkpoint writes per decision are the same for 10 and 50 drafts; each approved email is sent at once",
    { timeout: 600_000 },
    async () => {
      const cost: Record<number, number> = {};
      for (const n of [10, 50]) {
        const leads = Array.from({ length: n }, (_, i) => ({ name: `L${i}`, email: `fan-${n}-${i}@example.test`, company: "Co" }));
        const run = await driver.start("email-outreach", { leads });
        expect(run.status).toBe("waiting");
        expect(run.pendingTaskIds).toHaveLength(n);
        const pending = await driver.pending(run.id);
        const threads = [run.id, ...pending.map((t) => t.childRunId!).filter(Boolean)];
        const deltas: number[] = [];
        const t0 = Date.now();
        for (const [i, task] of pending.slice(0, -1).entries()) {
          const before = await checkpointRows(threads);
          await driver.decide(task.id, { action: i % 2 ? "reject" : "approve" });
          await applied(task.id);
          const after = await checkpointRows(threads);
          // Only the decided draft's own thread moved: no other gate ran again, the parent slept.
          const moved = threads.filter((t) => (after.get(t) ?? 0) !== (before.get(t) ?? 0));
          expect(moved).toEqual([task.childRunId]);
          deltas.push(after.get(task.childRunId!)! - before.get(task.childRunId!)!);
          // An approved email is in the outbox as soon as its own decision is applied.
          const outbox = await getDb()
            .select()
            .from(mailMessages)
            .where(sql`${mailMessages.dedupeKey} like ${`email-outreach:${run.id}:%`}`);
          expect(outbox).toHaveLength(Math.ceil((i + 1) / 2));
          expect((await getRunOrThrow({ teamId: team.team.id, runId: run.id })).status).toBe("waiting");
        }
        expect(new Set(deltas).size).toBe(1); // the same work for every decision
        cost[n] = deltas[0]!;
        console.log(`[fan-out] outreach ${n} drafts: ${n - 1} decisions one by one in ${Date.now() - t0} ms`);
        await driver.decide(pending.at(-1)!.id, { action: "approve" });
        const done = await driver.settle(run.id, ["completed", "failed"]);
        expect(done.status).toBe("completed");
        const sent = pending.filter((_, i) => i % 2 === 0 || i === n - 1).map((t) => (t.payload as { to: string }).to);
        expect([...(done.output as { sent: Array<{ to: string }> }).sent.map((s) => s.to)].sort()).toEqual(sent.sort());
      }
      console.log(`[fan-out] checkpoint rows written per outreach decision: 10 drafts ${cost[10]}, 50 drafts ${cost[50]}`);
      expect(cost[50]).toBe(cost[10]);
    },
  );

  it("the parent lists its children's tasks; children appear with parentRunId; cancelling the parent ends them", async () => {
    const run = await driver.start("test-fan-out", { items: 3 });
    expect(run).toMatchObject({ status: "waiting", parentRunId: null });
    const found = await listTasks({ principal: driver.agent(), filters: { runId: run.id }, limit: 10 });
    expect(found.items.map((t) => t.id).sort()).toEqual([...run.pendingTaskIds].sort());
    for (const t of found.items) expect(t.runId).toBe(run.id);

    const children = await listRuns({ teamId: team.team.id, parentRunId: run.id, limit: 10 });
    expect(children.items).toHaveLength(3);
    for (const c of children.items) expect(c).toMatchObject({ parentRunId: run.id, workflow: "test-fan-out-item", status: "waiting" });
    expect(children.items.flatMap((c) => c.pendingTaskIds).sort()).toEqual([...run.pendingTaskIds].sort());
    const top = await listRuns({ teamId: team.team.id, limit: 200 });
    expect(top.items.map((r) => r.id)).toContain(run.id);
    expect(top.items.filter((r) => r.parentRunId !== null)).toEqual([]);
    expect(listWorkflows().map((w) => w.id)).not.toContain("test-fan-out-item");
    await expect(
      startRun({ teamId: team.team.id, workflow: "test-fan-out-item", input: { n: 1 }, actor: driver.agent().actor }),
    ).rejects.toMatchObject({
      code: "invalid_request",
    });

    const child = children.items[0]!;
    await expect(cancelRun({ teamId: team.team.id, runId: child.id, actor: driver.agent().actor })).rejects.toMatchObject({
      code: "conflict",
    });
    const cancelled = await cancelRun({ teamId: team.team.id, runId: run.id, actor: driver.agent().actor });
    expect(cancelled.status).toBe("cancelled");
    const after = await getDb()
      .select({ status: runs.status })
      .from(runs)
      .where(
        inArray(
          runs.id,
          children.items.map((c) => c.id),
        ),
      );
    expect(after.map((r) => r.status)).toEqual(["cancelled", "cancelled", "cancelled"]);
    const left = await getDb()
      .select({ status: tasks.status })
      .from(tasks)
      .where(and(eq(tasks.runId, run.id)));
    expect(left.map((t) => t.status)).toEqual(["cancelled", "cancelled", "cancelled"]);
  });

  it("a child that fails fails its parent and cancels the other children and their tasks", async () => {
    const started = await startRun({
      teamId: team.team.id,
      workflow: "test-fan-out",
      input: { items: 4, failAt: 2 },
      actor: driver.agent().actor,
    });
    const done = await driver.settle(started.id, ["completed", "failed", "cancelled"]);
    expect(done.status).toBe("failed");
    expect(done.error?.message).toMatch(/item 2\) failed: item 2 failed on purpose/);
    await until(
      "children ended",
      () => getDb().select({ status: runs.status, index: runs.parentIndex }).from(runs).where(eq(runs.parentRunId, started.id)),
      (rows) => rows.length === 4 && rows.every((r) => r.status === "failed" || r.status === "cancelled"),
    );
    const pending = await getDb()
      .select()
      .from(tasks)
      .where(and(eq(tasks.runId, started.id), eq(tasks.status, "pending")));
    expect(pending).toEqual([]);
  });
});
