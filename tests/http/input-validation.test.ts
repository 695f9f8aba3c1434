import { describe, expect, it } from "vitest";
import { expectError, expectStatus, leads, rawPost, refundInput, type Api, type Run, type Task } from "./api";
import { newTeam, serverForFile } from "./fixtures";

/** Malformed input never gives a 500: every mistake is a 4xx in the contract's shape, naming what to fix. */
const ctx = serverForFile();

async function standaloneTask(api: Api, body: Record<string, unknown>) {
  const res = await api.post<Task>("/tasks", { kind: "approval", queue: "external", title: "Check this", payload: { n: 1 }, ...body });
  expectStatus(res, 201);
  return res.body;
}

describe("request bodies", () => {
  it("malformed JSON → 400", async () => {
    const { api } = await newTeam(ctx.server);
    const task = await standaloneTask(api, {});
    for (const raw of ["{not json", '{"workflow": "refund",', "[1, 2", "'single'", '{"a": undefined}']) {
      expectError(await api.request("POST", "/runs", { raw }), 400, "invalid_request", /JSON/i);
      expectError(await api.request("POST", `/tasks/${task.id}/resume`, { raw, key: api.deciderKey }), 400, "invalid_request");
      expectError(await api.request("POST", "/tasks", { raw }), 400, "invalid_request");
    }
    expectError(await api.request("POST", "/runs", { raw: "[]" }), 400, "invalid_request");
    expectError(await api.request("POST", "/runs", { raw: '"refund"' }), 400, "invalid_request");
  });

  it("wrong types, missing fields and unknown workflows → 400 naming the field", async () => {
    const { api } = await newTeam(ctx.server);
    const cases: Array<[unknown, string]> = [
      [{}, "workflow"],
      [{ workflow: 42, input: {} }, "workflow"],
      [{ workflow: "" }, "workflow"],
      [{ workflow: "no-such-workflow", input: {} }, "no-such-workflow"],
      [{ workflow: "refund", input: refundInput(10), metadata: "nope" }, "metadata"],
      [{ workflow: "refund" }, "input"],
      [{ workflow: "refund", input: { ...refundInput(10), amount: "ten" } }, "input.amount"],
      [{ workflow: "refund", input: { ...refundInput(10), amount: -5 } }, "input.amount"],
      [{ workflow: "refund", input: { ...refundInput(10), customerEmail: undefined } }, "input.customerEmail"],
      [{ workflow: "refund", input: { ...refundInput(10), currency: "dollars" } }, "input.currency"],
      [{ workflow: "email-outreach", input: { leads: [] } }, "leads"],
      [{ workflow: "email-outreach", input: { leads: leads(501, "toomany") } }, "leads"],
      [{ workflow: "email-outreach", input: { leads: [{ name: "A", email: "not-an-email", company: "C" }] } }, "input.leads.0.email"],
      [{ workflow: "support-triage", input: { ticket: { subject: "s" } } }, "input.ticket.body"],
      [{ workflow: "support-triage", input: { ticket: { subject: "s", body: "b" }, confidenceThreshold: 2 } }, "confidenceThreshold"],
      [{ workflow: "content-draft", input: { topic: 7 } }, "input.topic"],
    ];
    for (const [body, field] of cases) {
      expectError(await api.post("/runs", body), 400, "invalid_request", field);
    }
    // None of them started a run.
    expect((await api.get("/runs")).body.items).toEqual([]);

    const task = await standaloneTask(api, {});
    const resumeCases: Array<[unknown, string]> = [
      [{}, "action"],
      [{ action: "maybe" }, "action"],
      [{ action: "approve", comment: 5 }, "comment"],
      [{ action: "respond", response: 5 }, "response"],
      [{ action: "edit" }, "payload"],
    ];
    for (const [body, field] of resumeCases) {
      expectError(await api.post(`/tasks/${task.id}/resume`, body, { key: api.deciderKey }), 400, "invalid_request", field);
    }
    const taskCases: Array<[unknown, string]> = [
      [{ queue: "q", title: "t", payload: {} }, "kind"],
      [{ kind: "bogus", queue: "q", title: "t", payload: {} }, "kind"],
      [{ kind: "approval", title: "t", payload: {} }, "queue"],
      [{ kind: "approval", queue: "has spaces!", title: "t", payload: {} }, "queue"],
      [{ kind: "approval", queue: "q", payload: {} }, "title"],
      [{ kind: "approval", queue: "q", title: "t" }, "payload"],
      [{ kind: "approval", queue: "q", title: "t", payload: {}, allowed: ["approve", "launch"] }, "allowed"],
      [{ kind: "approval", queue: "q", title: "t", payload: {}, callbackUrl: "ftp://example.test/x" }, "callbackUrl"],
      [{ kind: "approval", queue: "q", title: "t", payload: {}, dueAt: "tomorrow" }, "dueAt"],
      [{ kind: "approval", queue: "q", title: "t", payload: {}, schema: { type: 12 } }, "schema"],
    ];
    for (const [body, field] of taskCases) {
      expectError(await api.post("/tasks", body), 400, "invalid_request", field);
    }
    expect((await api.get<Task>(`/tasks/${task.id}`)).body.status).toBe("pending");
  });

  it("a body over 1 MiB → 413, declared or streamed", async () => {
    const { api } = await newTeam(ctx.server);
    const headers = { authorization: `Bearer ${api.key}`, "content-type": "application/json" };
    const big = Buffer.from(JSON.stringify({ workflow: "refund", input: refundInput(10, { reason: "x".repeat(1024 * 1024 + 10) }) }));
    const chunks = (buf: Buffer) =>
      Array.from({ length: Math.ceil(buf.length / 65536) }, (_, i) => buf.subarray(i * 65536, (i + 1) * 65536));
    // With a content-length the server refuses before reading; chunked, it stops reading at the limit.
    for (const contentLength of [big.length, undefined]) {
      const res = await rawPost(`${ctx.server.url}/api/v1/runs`, { headers, chunks: chunks(big), contentLength });
      expect(res.status, res.text).toBe(413);
      expect(JSON.parse(res.text)).toMatchObject({ error: { code: "payload_too_large", message: expect.any(String) } });
    }
    // Just under the limit is not refused for its size.
    const fits = await api.post("/runs", { workflow: "refund", input: refundInput(10, { reason: "x".repeat(1000 * 1000) }) });
    expectError(fits, 400, "invalid_request", "input.reason");
    expect((await api.get("/runs")).body.items).toEqual([]);
  });

  it("decisions: schema failure → 422 listing paths, action not allowed → 422, respond without response → 400", async () => {
    const { api } = await newTeam(ctx.server);
    const schema = {
      type: "object",
      required: ["amount", "note"],
      properties: { amount: { type: "number", maximum: 10 }, note: { type: "string" } },
    };
    const approval = await standaloneTask(api, { payload: { amount: 5, note: "hi" }, schema, allowed: ["approve", "edit"] });
    const message = expectError(await api.resume(approval.id, { action: "edit", payload: { amount: 11 } }), 422, "unprocessable");
    expect(message).toContain("payload.amount");
    expect(message).toContain("payload.note");
    expectError(await api.resume(approval.id, { action: "reject" }), 422, "unprocessable", "reject");
    expectError(await api.resume(approval.id, { action: "respond", response: "x" }), 422, "unprocessable");

    const question = await standaloneTask(api, { kind: "clarification", question: "Which plan?" });
    expect([...question.allowed].sort()).toEqual(["reject", "respond"]);
    expectError(await api.resume(question.id, { action: "respond" }), 400, "invalid_request", "response");
    expectError(await api.resume(question.id, { action: "respond", response: "" }), 400, "invalid_request", "response");
    expectError(await api.resume(question.id, { action: "approve" }), 422, "unprocessable");
    for (const id of [approval.id, question.id]) expect((await api.get<Task>(`/tasks/${id}`)).body.status).toBe("pending");
  });
});

describe("query parameters and paths", () => {
  it("bad limit / cursor / status / wait → 400 naming the parameter", async () => {
    const { api } = await newTeam(ctx.server);
    const run = await api.startRun("refund", refundInput(10));
    const cases: Array<[string, string]> = [
      ["/runs?limit=0", "limit"],
      ["/runs?limit=201", "limit"],
      ["/runs?limit=abc", "limit"],
      ["/runs?limit=1.5", "limit"],
      ["/runs?limit=-1", "limit"],
      ["/runs?status=sleeping", "status"],
      ["/runs?cursor=", "cursor"],
      [`/runs?cursor=${"c".repeat(300)}`, "cursor"],
      ["/tasks?status=done", "status"],
      ["/tasks?kind=poll", "kind"],
      ["/tasks?limit=1000", "limit"],
      ["/tasks?cursor=", "cursor"],
      ["/audit?limit=0", "limit"],
      ["/feedback?format=xml", "format"],
      [`/runs/${run.id}?wait=31`, "wait"],
      [`/runs/${run.id}?wait=-1`, "wait"],
      [`/runs/${run.id}?wait=soon`, "wait"],
    ];
    for (const [path, param] of cases) expectError(await api.get(path), 400, "invalid_request", param);
    // Valid bounds are accepted.
    for (const path of ["/runs?limit=1", "/runs?limit=200", "/tasks?limit=200&status=pending", "/feedback?format=jsonl"]) {
      expectStatus(await api.get(path), 200);
    }
  });

  it("unknown endpoints and unknown ids → 404 JSON", async () => {
    const { api } = await newTeam(ctx.server);
    for (const [method, path] of [
      ["GET", "/nope"],
      ["POST", "/nope"],
      ["GET", "/runs/x/y/z"],
      ["POST", "/tasks/x/y"],
      ["DELETE", "/things/1"],
    ] as const) {
      expectError(await api.request(method, path, method === "POST" ? { body: {} } : {}), 404, "not_found");
    }
    expectError(await api.get("/runs/run_doesnotexist"), 404, "not_found", "run_doesnotexist");
    expectError(await api.get("/tasks/task_doesnotexist"), 404, "not_found");
    expectError(await api.resume("task_doesnotexist", { action: "approve" }), 404, "not_found");
    expectError(await api.post("/runs/run_doesnotexist/cancel", {}), 404, "not_found");
  });

  // A U+0000 would reach Postgres, which cannot store it: lib/api refuses it with a 400.
  it("strings with a NUL character are a 400, not a 500", async () => {
    const { api } = await newTeam(ctx.server);
    for (const path of [
      "/runs?cursor=%00",
      "/runs?workflow=a%00b",
      "/tasks?queue=%00",
      "/tasks?runId=%00",
      "/runs/run_%00",
      "/tasks/task_%00",
      "/audit?subjectId=%00",
    ]) {
      const res = await api.get(path);
      expect(res.status, `${path} → ${res.status} ${res.text}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${path} → ${res.status} ${res.text}`).toBeLessThan(500);
    }
    const nulInBody = await api.post("/runs", { workflow: "refund", input: refundInput(10, { reason: "bad\u0000byte" }) });
    expect(nulInBody.status, nulInBody.text).toBe(400);
    const nulInTask = await api.post("/tasks", { kind: "approval", queue: "q", title: "t", payload: { note: "\u0000" } });
    expect(nulInTask.status, nulInTask.text).toBe(400);
  });
});

describe("methods and paths", () => {
  it("unsupported methods and the bare base path answer in the error shape", async () => {
    const { api } = await newTeam(ctx.server);
    for (const [method, path] of [
      ["DELETE", "/runs"],
      ["PUT", "/tasks"],
      ["PATCH", "/workflows"],
      ["DELETE", "/runs/run_x"],
    ] as const) {
      const res = await fetch(`${ctx.server.url}/api/v1${path}`, { method, headers: { authorization: `Bearer ${api.key}` } });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get("allow")).toBeTruthy();
      expect((await res.json()).error.code).toBe("method_not_allowed");
    }
    const base = await fetch(`${ctx.server.url}/api/v1`, { headers: { authorization: `Bearer ${api.key}` } });
    expect(base.status).toBe(404);
    expect((await base.json()).error.code).toBe("not_found");
  });
});

describe("Idempotency-Key on POST", () => {
  it("same key + same body → the same run; same key + another body → 409; keys are per team", async () => {
    const a = await newTeam(ctx.server);
    const body = { workflow: "refund", input: refundInput(20) };
    const first = await a.api.post<Run>("/runs", body, { headers: { "Idempotency-Key": "order-1" } });
    expectStatus(first, 202);
    const again = await a.api.post<Run>("/runs", body, { headers: { "Idempotency-Key": "order-1" } });
    expectStatus(again, 202);
    expect(again.body.id).toBe(first.body.id);
    expectError(
      await a.api.post("/runs", { ...body, input: { ...body.input, amount: 21 } }, { headers: { "Idempotency-Key": "order-1" } }),
      409,
      "conflict",
    );
    // The body field works the same way.
    const viaBody = await a.api.post<Run>("/runs", { ...body, idempotencyKey: "order-2" });
    expectStatus(viaBody, 202);
    expect((await a.api.post<Run>("/runs", { ...body, idempotencyKey: "order-2" })).body.id).toBe(viaBody.body.id);
    expect(viaBody.body.id).not.toBe(first.body.id);
    expect(await a.api.all<Run>("/runs")).toHaveLength(2);

    // Another team may use the same key for its own run.
    const b = await newTeam(ctx.server);
    const other = await b.api.post<Run>("/runs", body, { headers: { "Idempotency-Key": "order-1" } });
    expectStatus(other, 202);
    expect(other.body.id).not.toBe(first.body.id);

    // POST /tasks honours it too.
    const taskBody = { kind: "review", queue: "q", title: "t", payload: {} };
    const t1 = await a.api.post<Task>("/tasks", taskBody, { headers: { "Idempotency-Key": "task-1" } });
    const t2 = await a.api.post<Task>("/tasks", taskBody, { headers: { "Idempotency-Key": "task-1" } });
    expectStatus(t1, 201);
    expectStatus(t2, 201);
    expect(t2.body.id).toBe(t1.body.id);
  });

  // A 409 on a reused key (other body, or the first request still in flight) must leave the
  // original request's key in place, so a retry or a concurrent duplicate never starts a second run.
  it("a 409 on a reused key does not free it (retries and concurrent duplicates start one run)", async () => {
    const { api } = await newTeam(ctx.server);
    const body = { workflow: "refund", input: refundInput(20), idempotencyKey: "k" };
    const first = await api.post<Run>("/runs", body);
    expectError(await api.post("/runs", { ...body, input: { ...body.input, amount: 21 } }), 409, "conflict");
    const retry = await api.post<Run>("/runs", body);
    expect(retry.body.id).toBe(first.body.id);

    const raceBody = { workflow: "refund", input: refundInput(30), idempotencyKey: "race" };
    const racers = await Promise.all(Array.from({ length: 8 }, () => api.post<Run>("/runs", raceBody)));
    for (const r of racers.filter((r) => r.status !== 202)) expectError(r, 409, "conflict");
    expect(new Set(racers.filter((r) => r.status === 202).map((r) => r.body.id)).size).toBe(1);
    expect(await api.all<Run>("/runs")).toHaveLength(2);
  });
});
