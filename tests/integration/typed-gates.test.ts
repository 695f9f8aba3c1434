import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { startWorker, type WorkerHandle } from "@/lib/engine/worker";
import { approvalGate, askHuman } from "@/lib/hitl";
import { createTestTeam, type TestTeam } from "../helpers";
import { runDriver } from "../support/runs";
import { registerOneNodeWorkflow } from "../support/workflows";

// Typed askHuman, the untyped (JSON Schema) gate that existing callers use, and gates whose own
// declaration is wrong: each failure names what to fix.
const Category = z.object({ category: z.enum(["billing", "bug", "account"]), urgent: z.boolean().default(false) });
const workflow = (id: string, node: (input: { mode: string }) => unknown) =>
  registerOneNodeWorkflow({ id, inputSchema: z.object({ mode: z.string() }), node });

workflow("test-typed-ask", () => {
  const result = askHuman({
    queue: "support",
    question: "Which category is this ticket?",
    confidence: 0.3,
    schema: Category,
    guess: { category: "billing" },
    context: "Ticket: my card was charged twice",
  });
  // `answer` is z.output<typeof Category>: `urgent` is filled by the default.
  return result.answeredBy === "nobody" ? { nobody: result.reason } : { by: result.answeredBy, answer: result.answer };
});
workflow("test-untyped-gate", () => {
  const gate = approvalGate({
    queue: "ops",
    title: "Deploy",
    payload: { version: "1.2.3" },
    schema: { type: "object", required: ["version"], properties: { version: { type: "string", pattern: "^\\d+\\.\\d+\\.\\d+$" } } },
  });
  return gate.action === "reject" ? { deployed: false } : { deployed: gate.payload.version };
});
workflow("test-bad-gates", (input) => {
  if (input.mode === "draft")
    return approvalGate({ queue: "ops", title: "x", schema: z.object({ n: z.number().max(5) }), payload: { n: 9 } });
  return approvalGate({ queue: "ops", title: "x", payload: {}, onTimeout: "escalate", dueIn: "1h" });
});

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

describe("typed askHuman", () => {
  it("shows the agent's guess with the question; approving keeps it, parsed by the schema", async () => {
    const run = await driver.start("test-typed-ask", { mode: "x" });
    const [task] = await driver.pending(run.id);
    expect(task).toMatchObject({
      kind: "clarification",
      question: "Which category is this ticket?",
      description: "Ticket: my card was charged twice",
      payload: { category: "billing" },
      confidence: 0.3,
      allowed: ["approve", "edit", "reject"],
      schema: { properties: { category: { enum: ["billing", "bug", "account"] } } },
    });
    await driver.decide(task!.id, { action: "approve" });
    const done = await driver.next(run.id, [task!.id]);
    expect(done.output).toEqual({ by: "human", answer: { category: "billing", urgent: false } });
  });

  it("a correction must fit the schema (422 naming the path), then arrives typed", async () => {
    const run = await driver.start("test-typed-ask", { mode: "x" });
    const [task] = await driver.pending(run.id);
    await expect(driver.decide(task!.id, { action: "edit", payload: { category: "sales" } })).rejects.toMatchObject({
      code: "unprocessable",
      details: { failures: [expect.objectContaining({ path: "payload.category" })] },
    });
    await driver.decide(task!.id, { action: "edit", payload: { category: "bug", urgent: true } });
    const done = await driver.next(run.id, [task!.id]);
    expect(done.output).toEqual({ by: "human", answer: { category: "bug", urgent: true } });
  });
});

describe("the untyped gate (a hand-written JSON Schema) keeps working", () => {
  it("validates edits against it and hands the edit over as given", async () => {
    const run = await driver.start("test-untyped-gate", { mode: "x" });
    const [task] = await driver.pending(run.id);
    await expect(driver.decide(task!.id, { action: "edit", payload: { version: "latest" } })).rejects.toMatchObject({
      code: "unprocessable",
    });
    await driver.decide(task!.id, { action: "edit", payload: { version: "1.3.0" } });
    expect((await driver.next(run.id, [task!.id])).output).toEqual({ deployed: "1.3.0" });
  });
});

describe("a wrongly declared gate fails its run with a message that says what to fix", () => {
  it.each([
    ["draft", "The gate's drafted payload does not match its own schema: payload.n"],
    ["policy", "onTimeout 'escalate' needs escalateTo"],
  ])("%s", async (mode, message) => {
    const run = await driver.start("test-bad-gates", { mode });
    expect(run.status).toBe("failed");
    expect(run.error?.message).toContain(message);
    expect(await driver.pending(run.id)).toHaveLength(0);
  });
});
