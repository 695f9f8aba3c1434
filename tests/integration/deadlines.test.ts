import { Annotation, END, START, StateGraph, type LangGraphRunnableConfig } from "@langchain/langgraph";
import { and, eq, like } from "drizzle-orm";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { getDb } from "@/db/client";
import { auditEvents, mailMessages, tasks, webhookDeliveries, type TaskRow } from "@/db/schema";
import { startWorker, type WorkerHandle } from "@/lib/engine/worker";
import { AppError } from "@/lib/errors";
import { approvalGate, type TimeoutOutcome } from "@/lib/hitl";
import type { GatePolicyOptions } from "@/lib/hitl/policy";
import { setQueueDeadlineDefaults } from "@/lib/queues/deadline-defaults";
import { createStandaloneTask } from "@/lib/tasks/create";
import { timeOutTask } from "@/lib/tasks/deadlines";
import { addMember } from "@/lib/teams";
import { registerWorkflow } from "@/lib/workflows";
import { defineWorkflow } from "@/lib/workflows/types";
import { createTestTeam, TEST_ACTOR, uniqueEmail, type TestTeam } from "../helpers";
import { runDriver } from "../support/runs";

process.env.WEBHOOK_ALLOWED_HOSTS = "127.0.0.1";

// Every pass through the node after the gate, per run: a run resumed twice would show up here.
const resumed = new Map<string, string[]>();
const State = Annotation.Root({ input: Annotation<{ n: number }>, output: Annotation<unknown> });

function gateWorkflow(id: string, options: GatePolicyOptions & { queue?: string }) {
  return defineWorkflow({
    id,
    name: id,
    description: "test",
    inputSchema: z.object({ n: z.number() }),
    compile: (checkpointer) =>
      new StateGraph(State)
        .addNode("gate", (s: typeof State.State) => {
          const gate = approvalGate({
            queue: options.queue ?? "support",
            title: `Refund ${s.input.n}`,
            payload: { n: s.input.n },
            ...options,
          });
          return { output: { action: gate.action, actor: gate.decision.actor.type } };
        })
        .addNode("after", (s: typeof State.State, config: LangGraphRunnableConfig) => {
          const runId = String(config.configurable?.thread_id);
          resumed.set(runId, [...(resumed.get(runId) ?? []), (s.output as { action: string }).action]);
          return {};
        })
        .addEdge(START, "gate")
        .addEdge("gate", "after")
        .addEdge("after", END)
        .compile({ checkpointer }),
  });
}

const OUTCOMES: TimeoutOutcome[] = ["expire", "reject", "approve"];
for (const outcome of OUTCOMES) registerWorkflow(gateWorkflow(`test-deadline-${outcome}`, { dueIn: "1s", onTimeout: outcome }));
registerWorkflow(gateWorkflow("test-deadline-escalate", { dueIn: "1s", onTimeout: "escalate", escalateTo: "managers" }));
registerWorkflow(gateWorkflow("test-deadline-race", { dueIn: "1s", onTimeout: "reject" }));
registerWorkflow(gateWorkflow("test-deadline-remind", { dueIn: "4s", remindBefore: "3s", onTimeout: "approve" }));
registerWorkflow(gateWorkflow("test-deadline-queue-defaults", { queue: "slow-lane" }));

let team: TestTeam;
let worker: WorkerHandle;
let supportReviewer: string;
let managersReviewer: string;
const driver = runDriver(() => team);

beforeAll(async () => {
  team = await createTestTeam();
  supportReviewer = uniqueEmail("support");
  managersReviewer = uniqueEmail("manager");
  await addMember({ teamId: team.team.id, email: supportReviewer, role: "reviewer", queues: ["support"], actor: TEST_ACTOR });
  await addMember({ teamId: team.team.id, email: managersReviewer, role: "reviewer", queues: ["managers"], actor: TEST_ACTOR });
  worker = await startWorker({ concurrency: 2 });
});
afterAll(async () => {
  await worker?.stop();
});

async function taskRow(id: string): Promise<TaskRow> {
  const [row] = await getDb().select().from(tasks).where(eq(tasks.id, id));
  return row!;
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const value = await probe();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function lateApproval(taskId: string) {
  return driver.decide(taskId, { action: "approve" }).then(
    () => null,
    (e: unknown) => e as AppError,
  );
}

async function mailTo(email: string, subjectLike: string) {
  return getDb()
    .select()
    .from(mailMessages)
    .where(and(eq(mailMessages.to, email), like(mailMessages.subject, subjectLike)));
}

describe("a gate's deadline", () => {
  for (const outcome of OUTCOMES) {
    it(`onTimeout '${outcome}': the task expires with the declared decision and the run resumes exactly once`, async () => {
      const run = await driver.start(`test-deadline-${outcome}`, { n: 1 });
      const [task] = await driver.pending(run.id);
      expect(task).toMatchObject({ onTimeout: outcome, status: "pending" });
      expect(task!.dueAt!.getTime() - task!.createdAt.getTime()).toBeLessThan(2000);

      const done = await driver.settle(run.id, ["completed", "failed"]);
      expect(done.status).toBe("completed");
      const action = outcome === "approve" ? "approve" : "reject";
      expect(done.output).toEqual({ action, actor: "system" });
      const after = await taskRow(task!.id);
      expect(after.status).toBe("expired");
      expect(after.decision).toMatchObject({ action, actor: { type: "system" } });

      // A human deciding late gets 409, and the body's task shows what happened.
      const late = await lateApproval(task!.id);
      expect(late?.code).toBe("conflict");
      expect(late?.details?.task).toMatchObject({ status: "expired", decision: { action, actor: { type: "system" } } });
      expect(late?.message).toContain("expired");

      await new Promise((r) => setTimeout(r, 1500)); // room for a second resume, if there were one
      expect(resumed.get(run.id)).toEqual([action]);
      const audit = await getDb()
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.subjectId, task!.id), eq(auditEvents.action, "task.expired")));
      expect(audit).toHaveLength(1);
      expect(audit[0]!.data).toMatchObject({ onTimeout: outcome });
    });
  }

  it("onTimeout 'escalate': the task moves to escalateTo, stays pending, and the new queue's reviewers are emailed", async () => {
    const run = await driver.start("test-deadline-escalate", { n: 2 });
    const [task] = await driver.pending(run.id);
    expect(task!.queue).toBe("support");
    const moved = await until("escalation", async () => {
      const row = await taskRow(task!.id);
      return row.queue === "managers" ? row : null;
    });
    expect(moved).toMatchObject({ status: "pending", queue: "managers", escalatedFrom: "support", dueAt: null });
    expect(moved.escalatedAt).toBeInstanceOf(Date);
    const audit = await getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, task!.id), eq(auditEvents.action, "task.escalated")));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.data).toMatchObject({ before: { queue: "support" }, after: { queue: "managers" } });
    expect(await mailTo(managersReviewer, "Escalated to managers%")).toHaveLength(1);
    expect(await mailTo(supportReviewer, "Escalated to%")).toHaveLength(0);

    // The run still waits; a manager decides it.
    expect((await driver.settle(run.id)).status).toBe("waiting");
    await driver.decide(task!.id, { action: "approve" });
    const done = await driver.settle(run.id, ["completed", "failed"]);
    expect(done.output).toEqual({ action: "approve", actor: "api_key" });
    expect(resumed.get(run.id)).toEqual(["approve"]);
  });

  it("races: the deadline and several late approvals at once; exactly one wins and the run resumes once", async () => {
    for (let round = 0; round < 3; round++) {
      const run = await driver.start("test-deadline-race", { n: 10 + round });
      const [task] = await driver.pending(run.id);
      await new Promise((r) => setTimeout(r, Math.max(0, task!.dueAt!.getTime() - Date.now())));
      const [timeout, ...approvals] = await Promise.all([
        timeOutTask(getDb(), task!.id),
        lateApproval(task!.id),
        lateApproval(task!.id),
        lateApproval(task!.id),
      ]);
      const after = await taskRow(task!.id);
      const won = approvals.filter((a) => a === null).length;
      if (after.status === "expired") {
        expect(won).toBe(0);
        expect(approvals.every((a) => a?.code === "conflict")).toBe(true);
      } else {
        expect(after.status).toBe("decided");
        expect(won).toBe(1);
        expect(timeout).toBeNull();
      }
      await driver.settle(run.id, ["completed", "failed"]);
      await new Promise((r) => setTimeout(r, 1200));
      expect(resumed.get(run.id)).toEqual([after.status === "expired" ? "reject" : "approve"]);
    }
  });

  it("a decision before the deadline wins: the deadline job later finds nothing to do", async () => {
    const run = await driver.start("test-deadline-race", { n: 20 });
    const [task] = await driver.pending(run.id);
    await driver.decide(task!.id, { action: "approve" });
    await new Promise((r) => setTimeout(r, Math.max(0, task!.dueAt!.getTime() - Date.now() + 50)));
    expect(await timeOutTask(getDb(), task!.id)).toBeNull();
    expect(await taskRow(task!.id)).toMatchObject({ status: "decided", decision: { action: "approve", actor: { type: "api_key" } } });
    await driver.settle(run.id, ["completed", "failed"]);
    await new Promise((r) => setTimeout(r, 1200));
    expect(resumed.get(run.id)).toEqual(["approve"]);
  });

  it("remindBefore: the queue's reviewers are reminded once while the task is pending, then the deadline applies", async () => {
    const run = await driver.start("test-deadline-remind", { n: 3 });
    const [task] = await driver.pending(run.id);
    expect(task!.remindAt!.getTime()).toBe(task!.dueAt!.getTime() - 3000);
    const reminded = await until("the reminder", async () => {
      const mail = await mailTo(supportReviewer, "Deadline approaching%");
      return mail.length > 0 ? mail : null;
    });
    expect(reminded).toHaveLength(1);
    expect((await taskRow(task!.id)).status).toBe("pending");
    expect((await taskRow(task!.id)).remindedAt).toBeInstanceOf(Date);
    expect(await mailTo(managersReviewer, "Deadline approaching%")).toHaveLength(0);
    const done = await driver.settle(run.id, ["completed", "failed"]);
    expect(done.output).toEqual({ action: "approve", actor: "system" });
    expect(await mailTo(supportReviewer, "Deadline approaching%")).toHaveLength(1);
  });

  it("queue defaults apply to a gate that declares no deadline", async () => {
    await setQueueDeadlineDefaults({
      teamId: team.team.id,
      name: "slow-lane",
      defaults: { dueInSeconds: 1, remindBeforeSeconds: null, onTimeout: "approve", escalateTo: null },
      actor: TEST_ACTOR,
    });
    const run = await driver.start("test-deadline-queue-defaults", { n: 4 });
    const [task] = await driver.pending(run.id);
    expect(task).toMatchObject({ onTimeout: "approve" });
    expect(task!.dueAt).toBeInstanceOf(Date);
    const done = await driver.settle(run.id, ["completed", "failed"]);
    expect(done.output).toEqual({ action: "approve", actor: "system" });
    await expect(
      setQueueDeadlineDefaults({
        teamId: team.team.id,
        name: "slow-lane",
        defaults: { dueInSeconds: 60, remindBeforeSeconds: null, onTimeout: "escalate", escalateTo: null },
        actor: TEST_ACTOR,
      }),
    ).rejects.toMatchObject({ code: "invalid_request", message: expect.stringContaining("escalateTo") });
  });
});

describe("a standalone task's deadline", () => {
  let server: http.Server;
  const received: Array<{ type: string; task: { status: string; decision: { action: string } } }> = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        received.push(JSON.parse(body));
        res.end("ok");
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("expires at dueAt by its own job and its webhook is still delivered", async () => {
    const port = (server.address() as AddressInfo).port;
    const task = await createStandaloneTask({
      principal: driver.agent(),
      input: {
        kind: "approval",
        queue: "support",
        title: "Send the offer",
        payload: { offer: 1 },
        dueAt: new Date(Date.now() + 1000).toISOString(),
        onTimeout: "reject",
        callbackUrl: `http://127.0.0.1:${port}/hook`,
      },
    });
    expect(task).toMatchObject({ onTimeout: "reject", escalatedFrom: null });
    const event = await until("the webhook", async () => received.find((e) => e.task && (e.task as { id?: string }).id === task.id));
    expect(event).toMatchObject({ type: "task.expired", task: { status: "expired", decision: { action: "reject" } } });
    const delivery = await until("the delivery's record", async () => {
      const [row] = await getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.taskId, task.id));
      return row?.status === "delivered" ? row : null;
    });
    expect(delivery.type).toBe("task.expired");
  });

  it("escalates a standalone task: it stays pending in escalateTo with escalatedFrom set", async () => {
    const task = await createStandaloneTask({
      principal: driver.agent(),
      input: {
        kind: "approval",
        queue: "support",
        title: "Escalate me",
        payload: {},
        dueAt: new Date(Date.now() + 500).toISOString(),
        onTimeout: "escalate",
        escalateTo: "managers",
      },
    });
    const moved = await until("escalation", async () => {
      const row = await taskRow(task.id);
      return row.queue === "managers" ? row : null;
    });
    expect(moved).toMatchObject({ status: "pending", escalatedFrom: "support", dueAt: null });
  });
});
