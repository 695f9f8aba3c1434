import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/teams";
import { TEST_ACTOR } from "../helpers";
import { expectStatus, type AuditEvent, type Run, type Task } from "./api";
import { serverForFile } from "./fixtures";
import { collect, expectHttpError, langGraphClient, langGraphTeam, refundInput, type StreamPart } from "./langgraph";

/**
 * The LangGraph Platform API at /api/langgraph, driven by the official @langchain/langgraph-sdk
 * Client: assistants, threads run to an interrupt (wait and stream), found by status, resumed with
 * command.resume through the resume route's service, tenancy, errors.
 */
const ctx = serverForFile();

type Values = {
  input?: Record<string, unknown>;
  output?: { refunded: boolean; amount: number } | null;
  __interrupt__?: Array<{ id: string; value: any }>;
};

describe("assistants", () => {
  it("are the registered workflows: search, get, schemas (the workflow's input), graph", async () => {
    const { requester } = await langGraphTeam(ctx.server);
    const all = await requester.assistants.search({ limit: 100 });
    expect(all.map((a) => a.assistant_id)).toEqual(expect.arrayContaining(["email-outreach", "refund", "support-triage", "content-draft"]));
    for (const a of all) expect(a.graph_id).toBe(a.assistant_id);
    expect(await requester.assistants.search({ graphId: "refund" })).toHaveLength(1);

    const refund = await requester.assistants.get("refund");
    expect(refund).toMatchObject({ assistant_id: "refund", graph_id: "refund", name: "Refund" });
    const schemas = await requester.assistants.getSchemas("refund");
    expect(schemas.input_schema).toMatchObject({ type: "object", required: expect.arrayContaining(["orderId", "amount"]) });
    const graph = await requester.assistants.getGraph("refund");
    expect(graph.nodes.map((n) => n.id)).toEqual(expect.arrayContaining(["__start__", "__end__"]));
    await expectHttpError(requester.assistants.get("no-such-workflow"), 404, "not_found");
  });
});

describe("a thread run to an interrupt and resumed", () => {
  it("runs.wait pauses at the approval; threads.search finds it interrupted; command.resume approve ends it idle with the output", async () => {
    const { requester, approver, api, approverKeyId } = await langGraphTeam(ctx.server);
    const tag = `wait-${Date.now()}`;
    const thread = await requester.threads.create({ metadata: { tag } });
    expect(thread).toMatchObject({ status: "idle", metadata: { tag }, values: {} });

    const input = refundInput(120);
    const paused = (await requester.runs.wait(thread.thread_id, "refund", { input })) as Values;
    expect(paused.input).toMatchObject({ orderId: input.orderId, amount: 120, currency: "USD" });
    expect(paused.__interrupt__).toHaveLength(1);
    const [interrupt] = paused.__interrupt__!;
    expect(interrupt!.value).toMatchObject({
      kind: "approval",
      queue: "support",
      payload: { amount: 120 },
      allowed: ["approve", "edit", "reject"],
    });

    const got = await requester.threads.get<Values>(thread.thread_id);
    expect(got.status).toBe("interrupted");
    expect(got.metadata).toMatchObject({ tag, graph_id: "refund", assistant_id: "refund", acl_run_id: expect.stringMatching(/^run_/) });
    expect(Object.values(got.interrupts).flat()).toEqual([{ id: interrupt!.id, value: interrupt!.value }]);

    const found = await requester.threads.search({ status: "interrupted", metadata: { tag } });
    expect(found.map((t) => t.thread_id)).toEqual([thread.thread_id]);
    expect(await requester.threads.search({ status: "idle", metadata: { tag } })).toEqual([]);
    expect(await requester.threads.count({ status: "interrupted", metadata: { tag } })).toBe(1);

    // The thread is one of our runs: the same task is in the queue, under the REST API too.
    const runId = got.metadata!.acl_run_id as string;
    const tasks = await api.tasks({ runId, status: "pending" });
    expect(tasks).toHaveLength(1);

    const state = await requester.threads.getState<Values>(thread.thread_id);
    expect(state.next).toEqual(["approve"]);
    expect(state.tasks.flatMap((t) => t.interrupts)).toEqual([{ id: interrupt!.id, value: interrupt!.value }]);
    expect(state.checkpoint).toMatchObject({ thread_id: thread.thread_id, checkpoint_ns: "" });

    const done = (await approver.runs.wait(thread.thread_id, "refund", { command: { resume: { action: "approve" } } })) as Values;
    expect(done.output).toEqual({ refunded: true, amount: 120 });
    expect(done.__interrupt__).toBeUndefined();
    const after = await requester.threads.get<Values>(thread.thread_id);
    expect(after).toMatchObject({ status: "idle", interrupts: {}, values: { output: { refunded: true, amount: 120 } } });
    expect(await requester.threads.search({ status: "idle", metadata: { tag } })).toHaveLength(1);

    // Recorded by the resume route's service: the task is decided by the approver's key, audited.
    const [task] = await api.tasks({ runId });
    expect(task!.decision).toMatchObject({ action: "approve", actor: { type: "api_key", id: approverKeyId } });
    const audit = await api.all<AuditEvent>("/audit", { subjectId: task!.id });
    expect(audit.map((e) => e.action)).toContain("task.approved");
    expect((await api.get<Run>(`/runs/${runId}`)).body).toMatchObject({ status: "completed", output: { refunded: true, amount: 120 } });

    const history = await requester.threads.getHistory<Values>(thread.thread_id, { limit: 20 });
    expect(history[0]!.values.output).toEqual({ refunded: true, amount: 120 });
    expect(history.at(-1)!.metadata).toMatchObject({ source: "input", step: -1 });
  });

  it("runs.stream: metadata, updates, values, the interrupt as __interrupt__, end; an edit resumes it; Last-Event-ID replays the rest", async () => {
    const { requester, approver } = await langGraphTeam(ctx.server);
    const thread = await requester.threads.create();
    let created: { run_id: string; thread_id?: string } | undefined;
    const first = await collect(
      requester.runs.stream(thread.thread_id, "refund", {
        input: refundInput(300),
        streamMode: ["values", "updates"],
        onRunCreated: (meta) => (created = meta),
      }) as AsyncIterable<StreamPart>,
    );
    expect(created).toEqual({ run_id: expect.any(String), thread_id: thread.thread_id }); // from Content-Location
    const events = first.map((p) => p.event);
    expect(events[0]).toBe("metadata");
    expect(first[0]!.data).toEqual({ run_id: created!.run_id, attempt: 1 });
    expect(events.at(-1)).toBe("end");
    expect(events).toContain("values");
    const interruptValues = first.filter((p) => p.event === "values" && p.data.__interrupt__);
    const interruptUpdates = first.filter((p) => p.event === "updates" && p.data.__interrupt__);
    expect(interruptValues).toHaveLength(1);
    expect(interruptUpdates).toHaveLength(1);
    const [interrupt] = interruptValues[0]!.data.__interrupt__;
    expect(interrupt.value).toMatchObject({ kind: "approval", payload: { amount: 300 } });
    expect(first.map((p) => Number(p.id))).toEqual(first.map((_, i) => i)); // numbered in order

    const run = await requester.runs.get(thread.thread_id, created!.run_id);
    expect(run).toMatchObject({ run_id: created!.run_id, thread_id: thread.thread_id, assistant_id: "refund", status: "success" });

    // The same run replayed after event 1: exactly the rest, with the same ids.
    const replay = await collect(
      requester.runs.joinStream(thread.thread_id, created!.run_id, { lastEventId: "1" }) as AsyncIterable<StreamPart>,
    );
    expect(replay.map((p) => [p.id, p.event])).toEqual(first.slice(2).map((p) => [p.id, p.event]));

    const payload = { ...interrupt.value.payload, amount: 80, reason: "partial" };
    const second = await collect(
      approver.runs.stream(thread.thread_id, "refund", {
        command: { resume: { [interrupt.id]: { action: "edit", payload } } },
        streamMode: ["values", "updates"],
      }) as AsyncIterable<StreamPart>,
    );
    expect(second.map((p) => p.event)).toEqual(expect.arrayContaining(["metadata", "updates", "values", "end"]));
    expect(second.filter((p) => p.event === "values").at(-1)!.data.output).toEqual({ refunded: true, amount: 80 });
    expect(second.some((p) => p.data?.__interrupt__)).toBe(false);
    const updates = second.filter((p) => p.event === "updates").map((p) => Object.keys(p.data)[0]);
    expect(updates).toEqual(expect.arrayContaining(["approve", "execute"]));

    expect(await requester.threads.get<Values>(thread.thread_id)).toMatchObject({
      status: "idle",
      values: { output: { refunded: true, amount: 80 } },
    });
    const runs = await requester.runs.list(thread.thread_id);
    expect(runs.map((r) => r.status)).toEqual(["success", "success"]);
  });

  it("runs.create in the background, then join; a decision taken in the dashboard's resume route shows in the thread", async () => {
    const { requester, api, approverApi } = await langGraphTeam(ctx.server);
    const thread = await requester.threads.create();
    const run = await requester.runs.create(thread.thread_id, "refund", { input: refundInput(90) });
    expect(["pending", "running", "success"]).toContain(run.status);
    const joined = (await requester.runs.join(thread.thread_id, run.run_id)) as Values;
    expect(joined.__interrupt__).toHaveLength(1);
    const { metadata } = await requester.threads.get(thread.thread_id);
    const [task] = await api.tasks({ runId: metadata!.acl_run_id as string, status: "pending" });
    await approverApi.decide(task!.id, { action: "reject", comment: "not eligible" });
    await api.waitForRun(metadata!.acl_run_id as string, { until: ["completed"] });
    expect(await requester.threads.get<Values>(thread.thread_id)).toMatchObject({
      status: "idle",
      values: { output: { refunded: false, amount: 0 } },
    });
  });
});

describe("refusals", () => {
  it("the requester's own key never decides: 403 without decide, 403 separation of duties with it; nothing recorded", async () => {
    const team = await langGraphTeam(ctx.server);
    const resume = { command: { resume: { action: "approve" } } };
    const thread = await team.requester.threads.create();
    await team.requester.runs.wait(thread.thread_id, "refund", { input: refundInput(130) });
    // The agent's key (runs, tasks) may not decide at all.
    await expectHttpError(team.requester.runs.wait(thread.thread_id, "refund", resume), 403, "forbidden");

    // A key with `decide` that started the thread itself is refused too (separation of duties).
    const both = await createApiKey({
      teamId: team.team.id,
      name: "agent with decide",
      actor: TEST_ACTOR,
      scopes: ["runs", "tasks", "decide"],
    });
    const selfApprover = langGraphClient(ctx.server, both.apiKey);
    const own = await selfApprover.threads.create();
    await selfApprover.runs.wait(own.thread_id, "refund", { input: refundInput(140) });
    await expectHttpError(selfApprover.runs.wait(own.thread_id, "refund", resume), 403, "forbidden");

    for (const id of [thread.thread_id, own.thread_id]) expect((await team.requester.threads.get(id)).status).toBe("interrupted");
    // The reviewer's key decides.
    const done = (await team.approver.runs.wait(own.thread_id, "refund", resume)) as Values;
    expect(done.output).toEqual({ refunded: true, amount: 140 });
  });

  it("another team's key: 404 for the thread, its state, runs and resume; its searches never show it", async () => {
    const a = await langGraphTeam(ctx.server);
    const b = await langGraphTeam(ctx.server);
    const thread = await a.requester.threads.create({ metadata: { owner: "a" } });
    const run = await a.requester.runs.create(thread.thread_id, "refund", { input: refundInput(100) });
    await a.requester.runs.join(thread.thread_id, run.run_id);

    await expectHttpError(b.requester.threads.get(thread.thread_id), 404, "not_found");
    await expectHttpError(b.requester.threads.getState(thread.thread_id), 404, "not_found");
    await expectHttpError(b.requester.threads.getHistory(thread.thread_id), 404, "not_found");
    await expectHttpError(b.requester.runs.get(thread.thread_id, run.run_id), 404, "not_found");
    await expectHttpError(b.requester.runs.list(thread.thread_id), 404, "not_found");
    await expectHttpError(
      b.approver.runs.wait(thread.thread_id, "refund", { command: { resume: { action: "approve" } } }),
      404,
      "not_found",
    );
    await expectHttpError(b.requester.threads.updateState(thread.thread_id, { values: null, asNode: "__end__" }), 404, "not_found");
    await expectHttpError(b.requester.threads.delete(thread.thread_id), 404, "not_found");
    await expectHttpError(b.requester.threads.create({ threadId: thread.thread_id }), 409, "conflict");
    expect(await b.requester.threads.search({ metadata: { owner: "a" } })).toEqual([]);
    expect((await a.requester.threads.get(thread.thread_id)).status).toBe("interrupted"); // untouched
  });

  it("no key 401; bad bodies 400; a started thread refuses new input 409; a forbidden edit 422; nothing recorded", async () => {
    const { requester, approver, api } = await langGraphTeam(ctx.server);
    await expectHttpError(langGraphClient(ctx.server, null).threads.search(), 401, "unauthenticated");
    await expectHttpError(langGraphClient(ctx.server, "acl_live_nope").threads.search(), 401, "unauthenticated");

    const thread = await requester.threads.create();
    await expectHttpError(requester.runs.wait(thread.thread_id, "refund", { input: { amount: "lots" } }), 400, "invalid_request");
    await expectHttpError(requester.runs.wait(thread.thread_id, "refund", {}), 400, "invalid_request");
    await expectHttpError(approver.runs.wait(thread.thread_id, "refund", { command: { resume: { action: "approve" } } }), 409, "conflict");
    const paused = (await requester.runs.wait(thread.thread_id, "refund", { input: refundInput(120) })) as Values;
    await expectHttpError(requester.runs.wait(thread.thread_id, "refund", { input: refundInput(5) }), 409, "conflict");
    await expectHttpError(
      approver.runs.wait(thread.thread_id, "refund", { command: { resume: { action: "explode" } } }),
      400,
      "invalid_request",
    );
    await expectHttpError(
      approver.runs.wait(thread.thread_id, "refund", { command: { resume: { nope: { action: "approve" } } } }),
      400,
      "invalid_request",
    );
    await expectHttpError(approver.runs.wait(thread.thread_id, "refund", { command: { goto: "execute" } }), 400, "invalid_request");
    await expectHttpError(
      approver.runs.wait(thread.thread_id, "content-draft", { command: { resume: { action: "approve" } } }),
      400,
      "invalid_request",
    );
    const payload = { ...paused.__interrupt__![0]!.value.payload, amount: 500 }; // more than the original 120
    await expectHttpError(
      approver.runs.wait(thread.thread_id, "refund", { command: { resume: { action: "edit", payload } } }),
      422,
      "unprocessable",
    );
    await expectHttpError(
      requester.threads.updateState(thread.thread_id, { values: { output: { refunded: true } }, asNode: "execute" }),
      400,
      "invalid_request",
    );

    const { metadata } = await requester.threads.get(thread.thread_id);
    const tasks = await api.tasks({ runId: metadata!.acl_run_id as string });
    expect(tasks.map((t: Task) => t.status)).toEqual(["pending"]);
    expect((await requester.threads.get(thread.thread_id)).status).toBe("interrupted");
  });

  it("/info answers without a key; CORS lets browser apps on other origins send a key", async () => {
    const info = await fetch(`${ctx.server.url}/api/langgraph/info`);
    expectStatus({ status: info.status } as never, 200);
    expect(await info.json()).toMatchObject({ flags: { assistants: true, crons: false } });
    const preflight = await fetch(`${ctx.server.url}/api/langgraph/threads/search`, {
      method: "OPTIONS",
      headers: {
        origin: "https://inbox.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "x-api-key,content-type",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-headers")).toContain("x-api-key");
    expect(preflight.headers.get("access-control-allow-credentials")).toBeNull();
    const unknown = await fetch(`${ctx.server.url}/api/langgraph/nope`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: "not_found" } });
  });
});
