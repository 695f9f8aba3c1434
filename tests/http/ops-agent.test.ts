import { describe, expect, it } from "vitest";
import { expectError, type Api, type Task } from "./api";
import { newTeam, runEffects, serverForFile, sql, waitUntil } from "./fixtures";
import { langGraphTeam } from "./langgraph";

/**
 * The built-in `ops-agent` (LangChain createAgent + humanInTheLoopMiddleware) over HTTP with an
 * API key: each gated tool call is a task; approve, edit and reject reach the agent.
 */
const ctx = serverForFile();
const REQUEST = "Order 1042 arrived damaged. Please refund the customer and let them know.";

async function nextTask(api: Api, runId: string, tool: string): Promise<Task> {
  // Right after a decision the run may still read `waiting` on the answered interrupt: wait for its next question.
  const tasks = await waitUntil(
    () => api.waitingTasks(runId),
    (pending) => pending.length > 0,
    { what: `a pending ${tool} task of ${runId}` },
  );
  expect(tasks).toHaveLength(1);
  expect(tasks[0]!.schema).toMatchObject({ "x-acl-view": "tool-call", "x-acl-tool": tool });
  return tasks[0]!;
}

describe("ops-agent", () => {
  it("is listed with its input schema", async () => {
    const { api } = await newTeam(ctx.server);
    const res = await api.get<{ items: Array<{ id: string; inputSchema: Record<string, unknown> }> }>("/workflows");
    expect(res.body.items.find((w) => w.id === "ops-agent")).toMatchObject({
      inputSchema: { type: "object", required: ["request"], properties: { request: { type: "string" } } },
    });
  });

  it("edit the refund (422 first for an amount its args schema refuses), approve the email: both tools run once", async () => {
    const { api } = await newTeam(ctx.server);
    const run = await api.startRun("ops-agent", { request: REQUEST });
    const refund = await nextTask(api, run.id, "issue_refund");
    expect(refund).toMatchObject({
      kind: "approval",
      queue: "ops",
      title: "Refund 120.00 USD for order 1042.",
      payload: { orderId: "1042", amount: 120, currency: "USD" },
      allowed: ["approve", "edit", "reject"],
    });

    const bad = await api.resume(refund.id, { action: "edit", payload: { ...refund.payload, amount: "a lot" } });
    expect(expectError(bad, 422, "unprocessable")).toContain("payload.amount");
    expect(bad.body.error.details.failures).toEqual([expect.objectContaining({ path: "payload.amount" })]);
    expect(await runEffects(run.id)).toEqual([]);

    await api.decide(refund.id, { action: "edit", payload: { ...refund.payload, amount: 80 } });
    const email = await nextTask(api, run.id, "send_email");
    expect(email.payload).toMatchObject({ to: "sam@example.com", subject: "Your refund for order 1042" });
    expect(email.payload.body).toContain("We have refunded 80.00 USD");

    await api.decide(email.id, { action: "approve" });
    const done = await api.waitForRun(run.id, { until: ["completed"] });
    expect(done.output.reply).toBe("Done: refunded and emailed sam@example.com.");
    const effects = await runEffects(run.id);
    expect(effects.map((e) => e.key.split(":").slice(0, 3).join(":"))).toEqual([`ops-agent:${run.id}:refund`, `ops-agent:${run.id}:email`]);
    expect(effects[0]!.result).toEqual({ orderId: "1042", amount: 80, currency: "USD", reason: REQUEST });
    const mail = await sql<{ to: string; subject: string }>(`select "to", subject from mail_messages where dedupe_key like $1`, [
      `ops-agent:${run.id}:%`,
    ]);
    expect(mail).toEqual([{ to: "sam@example.com", subject: "Your refund for order 1042" }]);
  });

  it("approve the refund, reject the email: the agent reports what happened and no email is queued", async () => {
    const { api } = await newTeam(ctx.server);
    const run = await api.startRun("ops-agent", { request: REQUEST });
    const refund = await nextTask(api, run.id, "issue_refund");
    await api.decide(refund.id, { action: "approve" });
    const email = await nextTask(api, run.id, "send_email");
    expect(email.payload.body).toContain("We have refunded 120.00 USD");
    await api.decide(email.id, { action: "reject", comment: "I will call the customer myself" });
    const done = await api.waitForRun(run.id, { until: ["completed"] });
    expect(done.output.reply).toBe(
      "The refund went through, but I did not email the customer: Rejected by a reviewer: I will call the customer myself",
    );
    expect((await runEffects(run.id)).map((e) => e.result)).toEqual([{ orderId: "1042", amount: 120, currency: "USD", reason: REQUEST }]);
  });

  it("reject the refund: the tool never runs and the agent stops with the reviewer's reason", async () => {
    const { api } = await newTeam(ctx.server);
    const run = await api.startRun("ops-agent", { request: REQUEST });
    const refund = await nextTask(api, run.id, "issue_refund");
    const res = await api.decide(refund.id, { action: "reject", comment: "Outside the 30-day window" });
    expect(res.task).toMatchObject({ status: "decided", decision: { action: "reject", comment: "Outside the 30-day window" } });
    const done = await api.waitForRun(run.id, { until: ["completed"] });
    expect(done.output.reply).toBe("I did not refund the order: Rejected by a reviewer: Outside the 30-day window");
    expect(done.output.toolCalls).toEqual([
      expect.objectContaining({ name: "lookup_order", status: "success" }),
      expect.objectContaining({ name: "issue_refund", status: "error", result: "Rejected by a reviewer: Outside the 30-day window" }),
    ]);
    expect(await runEffects(run.id)).toEqual([]);
    expect(await api.tasks({ runId: run.id })).toHaveLength(1);
  });

  it("a LangChain client over the LangGraph Platform API sees the native tool-call review and answers it with {decisions}", async () => {
    const { requester, approver, api } = await langGraphTeam(ctx.server);
    type Values = { output?: { reply: string }; __interrupt__?: Array<{ id: string; value: any }> };
    const thread = await requester.threads.create();
    const paused = (await requester.runs.wait(thread.thread_id, "ops-agent", { input: { request: REQUEST } })) as Values;
    const [review] = paused.__interrupt__!;
    expect(review!.value).toMatchObject({
      actionRequests: [{ name: "issue_refund", args: { orderId: "1042", amount: 120 } }],
      reviewConfigs: [{ actionName: "issue_refund", allowedDecisions: ["approve", "edit", "reject"] }],
    });
    const args = review!.value.actionRequests[0].args;
    const next = (await approver.runs.wait(thread.thread_id, "ops-agent", {
      command: { resume: { decisions: [{ type: "edit", editedAction: { name: "issue_refund", args: { ...args, amount: 75 } } }] } },
    })) as Values;
    expect(next.__interrupt__![0]!.value.actionRequests[0]).toMatchObject({ name: "send_email", args: { to: "sam@example.com" } });
    expect(next.__interrupt__![0]!.value.actionRequests[0].args.body).toContain("We have refunded 75.00 USD");
    const done = (await approver.runs.wait(thread.thread_id, "ops-agent", {
      command: { resume: { decisions: [{ type: "approve" }] } },
    })) as Values;
    expect(done.output?.reply).toBe("Done: refunded and emailed sam@example.com.");
    // The same decisions as the dashboard's: two tasks, decided and audited like any other.
    const runId = (await requester.threads.get(thread.thread_id)).metadata!.acl_run_id as string;
    const tasks = await api.tasks({ runId });
    expect(tasks.map((t) => [t.title, t.status, t.decision?.action])).toEqual([
      ["Refund 120.00 USD for order 1042.", "decided", "edit"],
      ["Email sam@example.com: “Your refund for order 1042”.", "decided", "approve"],
    ]);
  });
});
