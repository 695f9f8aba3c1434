import { interrupt } from "@langchain/langgraph";
import { eq } from "drizzle-orm";
import { createAgent, humanInTheLoopMiddleware, tool } from "langchain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { getDb } from "@/db/client";
import { tasks } from "@/db/schema";
import { startWorker, type WorkerHandle } from "@/lib/engine/worker";
import { registerWorkflow } from "@/lib/workflows";
import { defineAgentWorkflow } from "@/lib/workflows/agent";
import { getChatModel } from "@/lib/workflows/model";
import { callTools } from "@/lib/workflows/offline-replies";
import { createTestTeam, type TestTeam } from "../helpers";
import { runDriver } from "../support/runs";
import { registerOneNodeWorkflow } from "../support/workflows";

// Graphs written without lib/hitl: a plain interrupt(value), Agent Inbox's HumanInterrupt, a
// LangChain createAgent agent with humanInTheLoopMiddleware (two gated calls in one turn), and
// the same review request written by hand in Python's snake_case.

const graph = (id: string, node: (input: { plan: string[] }) => unknown) =>
  registerOneNodeWorkflow({ id, inputSchema: z.object({ plan: z.array(z.string()) }), queue: "ops", node });

graph("test-plain-interrupt", (input) => ({ answer: interrupt({ plan: input.plan, risk: "low" }) }));
graph("test-inbox", (input) => {
  const [response] = interrupt([
    {
      action_request: { action: "run_plan", args: { plan: input.plan } },
      config: { allow_ignore: true, allow_respond: false, allow_edit: true, allow_accept: true },
      description: "Run this plan?",
    },
  ]) as unknown[];
  return response;
});
graph("test-snake-review", (input) =>
  interrupt({
    action_requests: [{ name: "run_plan", args: { plan: input.plan }, description: "Run the plan" }],
    review_configs: [{ action_name: "run_plan", allowed_decisions: ["approve", "edit", "reject"] }],
  }),
);

// A createAgent agent whose model asks for two gated tool calls in one turn.
const executed: Array<{ tool: string; args: unknown }> = [];
const archive = tool(
  async (args) => {
    executed.push({ tool: "archive_ticket", args });
    return `archived ${args.ticketId}`;
  },
  { name: "archive_ticket", description: "Archives a ticket.", schema: z.object({ ticketId: z.string() }) },
);
const notify = tool(
  async (args) => {
    executed.push({ tool: "notify_customer", args });
    return `notified ${args.to}`;
  },
  { name: "notify_customer", description: "Emails the customer.", schema: z.object({ to: z.string().email(), text: z.string().min(1) }) },
);
const twoToolAgent = createAgent({
  model: getChatModel(),
  tools: [archive, notify],
  systemPrompt: "[task:test-two-tools] Close the ticket.",
  middleware: [
    humanInTheLoopMiddleware({ interruptOn: { archive_ticket: true, notify_customer: { allowedDecisions: ["approve", "reject"] } } }),
  ],
});
registerWorkflow(
  defineAgentWorkflow({
    id: "test-two-tools",
    name: "two tools",
    description: "test",
    inputSchema: z.object({ ticketId: z.string() }),
    agent: twoToolAgent,
    messages: (input) => [{ role: "user", content: `Close ticket ${input.ticketId}` }],
    offlineReplies: {
      "test-two-tools": (_data, context) => {
        const results = context.messages.filter((m) => m.getType() === "tool");
        if (results.length === 0) {
          return callTools(
            [
              { name: "archive_ticket", args: { ticketId: "T-1" } },
              { name: "notify_customer", args: { to: "cu@example.com", text: "Closed." } },
            ],
            context,
          );
        }
        return results.map((m) => m.text).join(" | ");
      },
    },
  }),
);

let team: TestTeam;
let worker: WorkerHandle;
const driver = runDriver(() => team);
beforeAll(async () => {
  team = await createTestTeam();
  worker = await startWorker({ concurrency: 2 });
});
afterAll(async () => {
  await worker?.stop();
});

async function oneTask(workflow: string) {
  const run = await driver.start(workflow, { plan: ["backup", "migrate"] });
  expect(run.status).toBe("waiting");
  const pending = await driver.pending(run.id);
  expect(pending).toHaveLength(1);
  return { run, task: pending[0]! };
}

describe("a plain interrupt(value) with any JSON", () => {
  it("becomes a generic review task in the workflow's queue", async () => {
    const { task } = await oneTask("test-plain-interrupt");
    expect(task).toMatchObject({
      kind: "review",
      queue: "ops",
      payload: { plan: ["backup", "migrate"], risk: "low" },
      schema: null,
      allowed: ["approve", "edit", "reject", "respond"],
    });
  });

  it.each([
    ["approve", { action: "approve" }, { action: "approve", payload: { plan: ["backup", "migrate"], risk: "low" } }],
    ["edit", { action: "edit", payload: { plan: ["backup"] } }, { action: "edit", payload: { plan: ["backup"] } }],
    ["reject", { action: "reject", comment: "not today" }, { action: "reject", comment: "not today" }],
    ["respond", { action: "respond", response: "do it at night" }, { action: "respond", response: "do it at night" }],
  ] as const)("resumes on %s with the documented decision value", async (_name, input, expected) => {
    const { run, task } = await oneTask("test-plain-interrupt");
    await driver.decide(task.id, input);
    const done = await driver.next(run.id, [task.id]);
    expect(done.status).toBe("completed");
    expect((done.output as { answer: unknown }).answer).toMatchObject({ ...expected, actor: { type: "api_key" } });
  });
});

describe("an Agent Inbox HumanInterrupt", () => {
  it.each([
    ["approve", { action: "approve" }, { type: "accept", args: { action: "run_plan", args: { plan: ["backup", "migrate"] } } }],
    ["edit", { action: "edit", payload: { plan: ["backup"] } }, { type: "edit", args: { action: "run_plan", args: { plan: ["backup"] } } }],
    ["reject", { action: "reject" }, { type: "ignore", args: null }],
  ] as const)("resumes on %s with a HumanResponse", async (_name, input, expected) => {
    const { run, task } = await oneTask("test-inbox");
    expect(task).toMatchObject({ kind: "approval", title: "run_plan", queue: "ops", allowed: ["approve", "edit", "reject"] });
    await driver.decide(task.id, input);
    const done = await driver.next(run.id, [task.id]);
    expect(done.output).toEqual(expected);
  });
});

describe("a LangChain tool-call review written in Python's snake_case", () => {
  it("is answered in snake_case: {decisions: [{type: 'edit', edited_action}]}", async () => {
    const { run, task } = await oneTask("test-snake-review");
    expect(task).toMatchObject({ title: "Run the plan", payload: { plan: ["backup", "migrate"] }, allowed: ["approve", "edit", "reject"] });
    await driver.decide(task.id, { action: "edit", payload: { plan: ["backup"] } });
    const done = await driver.next(run.id, [task.id]);
    expect(done.output).toEqual({ decisions: [{ type: "edit", edited_action: { name: "run_plan", args: { plan: ["backup"] } } }] });
  });
});

describe("a createAgent agent with humanInTheLoopMiddleware, two gated calls in one turn", () => {
  async function start() {
    const run = await driver.start("test-two-tools", { ticketId: "T-1" });
    const [archiveTask, notifyTask] = await driver.pending(run.id);
    return { run, archiveTask: archiveTask!, notifyTask: notifyTask! };
  }

  it("asks one task per call, each with its own allowed decisions, sharing the interrupt id", async () => {
    const { archiveTask, notifyTask } = await start();
    expect(archiveTask).toMatchObject({ interruptIndex: 0, payload: { ticketId: "T-1" }, allowed: ["approve", "edit", "reject"] });
    expect(notifyTask).toMatchObject({
      interruptIndex: 1,
      payload: { to: "cu@example.com", text: "Closed." },
      allowed: ["approve", "reject"],
    });
    expect(notifyTask.interruptId).toBe(archiveTask.interruptId);
  });

  it("resumes only when every call is decided; the tools run with the edited args", async () => {
    const { run, archiveTask, notifyTask } = await start();
    const before = executed.length;
    await driver.decide(archiveTask.id, { action: "edit", payload: { ticketId: "T-1-edited" } });
    // The first decision alone is not sent: the interrupt waits for its sibling.
    await expect.poll(async () => (await driver.settle(run.id)).status).toBe("waiting");
    const [row] = await getDb().select().from(tasks).where(eq(tasks.id, archiveTask.id));
    expect(row).toMatchObject({ status: "decided", appliedAt: null });
    expect(executed.length).toBe(before);

    await driver.decide(notifyTask.id, { action: "approve" });
    const done = await driver.next(run.id, [archiveTask.id, notifyTask.id]);
    expect(done.status).toBe("completed");
    expect(executed.slice(before)).toEqual(
      expect.arrayContaining([
        { tool: "archive_ticket", args: { ticketId: "T-1-edited" } },
        { tool: "notify_customer", args: { to: "cu@example.com", text: "Closed." } },
      ]),
    );
    expect((done.output as { reply: string }).reply).toBe("archived T-1-edited | notified cu@example.com");
  });

  it("a rejected call is skipped and the agent reads the rejection as its result", async () => {
    const { run, archiveTask, notifyTask } = await start();
    const before = executed.length;
    await driver.decide(notifyTask.id, { action: "reject", comment: "customer asked not to be emailed" });
    await driver.decide(archiveTask.id, { action: "approve" });
    const done = await driver.next(run.id, [archiveTask.id, notifyTask.id]);
    expect(done.status).toBe("completed");
    expect(executed.slice(before).map((e) => e.tool)).not.toContain("notify_customer");
    expect((done.output as { reply: string }).reply).toContain("Rejected by a reviewer: customer asked not to be emailed");
  });
});
