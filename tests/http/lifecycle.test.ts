import { createHmac } from "node:crypto";
import http from "node:http";
import type net from "node:net";
import { describe, expect, it } from "vitest";
import { expectError, expectStatus, leads, refundInput, type Api, type AuditEvent, type Run, type Task } from "./api";
import { newTeam, serverForFile, teamWebhookSecret, waitForIdle, waitUntil } from "./fixtures";

/**
 * Cancel, long-poll, the OpenAPI document, standalone tasks and their signed webhooks. The
 * long-poll's fallback re-read (5 s in production) is set beyond any wait here, so a `?wait` that
 * returns before its deadline was woken by the run's NOTIFY (or found the run settled already).
 */
const WAIT_S = 30;
const ctx = serverForFile({ env: { ACL_WAIT_FALLBACK_MS: String(10 * 60_000) } });

describe("cancel", () => {
  it("a waiting run → 200 cancelled, its pending tasks cancelled; deciding them → 409; cancelling again → 409", async () => {
    const { api } = await newTeam(ctx.server);
    const run = await api.startRun("email-outreach", { leads: leads(5, "cancel") });
    const tasks = await api.waitingTasks(run.id);
    await api.decide(tasks[0]!.id, { action: "approve" });
    await api.decide(tasks[1]!.id, { action: "reject" });

    const cancelled = await api.post<Run>(`/runs/${run.id}/cancel`, { reason: "Campaign stopped" });
    expectStatus(cancelled, 200);
    expect(cancelled.body).toMatchObject({ id: run.id, status: "cancelled", pendingTaskIds: [], completedAt: expect.any(String) });

    const after = new Map((await api.tasks({ runId: run.id })).map((t) => [t.id, t]));
    expect(after.get(tasks[0]!.id)!.status).toBe("decided");
    expect(after.get(tasks[1]!.id)!.status).toBe("decided");
    for (const t of tasks.slice(2)) {
      expect(after.get(t.id)!.status).toBe("cancelled");
      expectError(await api.resume(t.id, { action: "approve" }), 409, "conflict");
    }
    expectError(await api.post(`/runs/${run.id}/cancel`, {}), 409, "conflict");
    expectError(await api.post(`/runs/${run.id}/cancel`), 409, "conflict"); // no body at all

    // The worker does not bring it back (checked once every job it had to run has run), and the
    // audit trail has the cancellation with its reason.
    await waitForIdle();
    expect((await api.getRun(run.id)).body).toMatchObject({ status: "cancelled", pendingTaskIds: [] });
    expect((await api.tasks({ runId: run.id })).map((t) => t.status).sort()).toEqual([
      "cancelled",
      "cancelled",
      "cancelled",
      "decided",
      "decided",
    ]);
    const audit = await api.all<AuditEvent>("/audit", { subjectId: run.id });
    expect(audit.find((e) => e.action === "run.cancelled")?.data).toMatchObject({ reason: "Campaign stopped" });
  });

  it("a run cancelled right after it was started stays cancelled and opens no pending task", async () => {
    const { api } = await newTeam(ctx.server);
    const run = await api.startRun("email-outreach", { leads: leads(20, "cancel-early") });
    const res = await api.post<Run>(`/runs/${run.id}/cancel`, {});
    expectStatus(res, 200);
    expect(res.body.status).toBe("cancelled");
    await waitForIdle();
    expect((await api.getRun(run.id)).body).toMatchObject({ status: "cancelled", pendingTaskIds: [] });
    expect(await api.tasks({ runId: run.id, status: "pending" })).toEqual([]);
  });

  it("a completed run → 409; a bad body → 400", async () => {
    const { api } = await newTeam(ctx.server);
    const run = await api.startRun("refund", refundInput(10));
    expect((await api.waitForRun(run.id)).status).toBe("completed");
    expectError(await api.post(`/runs/${run.id}/cancel`, {}), 409, "conflict", "completed");
    expectError(await api.post(`/runs/${run.id}/cancel`, { reason: 5 }), 400, "invalid_request", "reason");
  });
});

describe("GET /runs/{id}?wait", () => {
  /** One long-poll, with how long it took as the test saw it (≥ the server's wait when it times out). */
  async function longPoll(api: Api, runId: string, seconds = WAIT_S) {
    const sentAt = Date.now();
    const res = await api.get<Run>(`/runs/${runId}?wait=${seconds}`);
    expectStatus(res, 200);
    return { run: res.body, sentAt, elapsedMs: Date.now() - sentAt };
  }

  it("is woken by the run's NOTIFY: returns with the run already completed, before its deadline", async () => {
    const { api } = await newTeam(ctx.server);
    // A refund of 10 (≤ 50) completes with no task at all. Only a poll that began while the run was
    // still queued or running proves anything: if the worker finished first, start another run.
    let woken: Awaited<ReturnType<typeof longPoll>> | undefined;
    for (let attempt = 0; attempt < 5 && !woken; attempt++) {
      const auto = await api.startRun("refund", refundInput(10));
      const poll = await longPoll(api, auto.id);
      // Whatever woke it, it answers with the run in its new status, never a stale queued/running.
      expect(poll.run).toMatchObject({ status: "completed", pendingTaskIds: [], output: { refunded: true, amount: 10 } });
      // Completed after the request was sent: most likely after the server's first read too (a
      // server slower than the worker would make this attempt prove nothing, but never fail).
      if (Date.parse(poll.run.completedAt!) > poll.sentAt) woken = poll;
    }
    expect(woken, "a long-poll that began before the run completed").toBeDefined();
    // The server waits at least WAIT_S seconds when nothing wakes it (no fallback re-read on this
    // server), so an answer in less cannot be the deadline, however slow the machine is.
    expect(woken!.elapsedMs).toBeLessThan(WAIT_S * 1000);
    expect(await api.tasks({ runId: woken!.run.id })).toEqual([]);
  });

  it("returns at once for a run that is already settled (waiting)", async () => {
    const { api } = await newTeam(ctx.server);
    const manual = await api.startRun("refund", refundInput(100));
    const waiting = await api.waitForRun(manual.id);
    expect(waiting.status).toBe("waiting");
    expect(waiting.pendingTaskIds).toHaveLength(1);
    // Already settled: not the deadline (which is at least WAIT_S seconds away on the server).
    const settled = await longPoll(api, manual.id);
    expect(settled.run.status).toBe("waiting");
    expect(settled.elapsedMs).toBeLessThan(WAIT_S * 1000);
  });
});

describe("discovery", () => {
  it("GET /openapi.json is an OpenAPI 3.1 document with every path of the contract", async () => {
    const { api } = await newTeam(ctx.server);
    const res = await api.withKey(null).get<Record<string, unknown>>("/openapi.json");
    expectStatus(res, 200);
    const doc = res.body;
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    const paths = doc.paths as Record<string, Record<string, { responses?: Record<string, unknown> }>>;
    const expected: Record<string, string[]> = {
      "/workflows": ["get"],
      "/runs": ["get", "post"],
      "/runs/{id}": ["get"],
      "/runs/{id}/cancel": ["post"],
      "/tasks": ["get", "post"],
      "/tasks/{id}": ["get"],
      "/tasks/{id}/resume": ["post"],
      "/audit": ["get"],
      "/feedback": ["get"],
    };
    const norm = (p: string) => p.replace(/^\/api\/v1/, "");
    const byPath = Object.fromEntries(Object.entries(paths).map(([p, ops]) => [norm(p), ops]));
    for (const [path, methods] of Object.entries(expected)) {
      expect(byPath[path], `path ${path}`).toBeDefined();
      for (const m of methods) expect(Object.keys(byPath[path]![m]?.responses ?? {}).length, `${m} ${path}`).toBeGreaterThan(0);
    }
    // Every $ref points at a schema the document defines.
    const schemas = (doc.components as { schemas: Record<string, unknown> }).schemas;
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const r of refs) expect(schemas[r], `$ref ${r}`).toBeDefined();
  });

  it("GET /workflows lists the four built-in workflows with their input schemas", async () => {
    const { api } = await newTeam(ctx.server);
    const res = await api.get<{ items: Array<{ id: string; name: string; description: string; inputSchema: Record<string, unknown> }> }>(
      "/workflows",
    );
    expectStatus(res, 200);
    const ids = res.body.items.map((w) => w.id);
    expect(ids).toEqual(expect.arrayContaining(["email-outreach", "refund", "support-triage", "content-draft"]));
    for (const w of res.body.items) expect(w.inputSchema).toMatchObject({ type: "object" });
  });
});

describe("standalone tasks", () => {
  it("POST /tasks → 201; the decision is readable by polling and arrives as a signed webhook", async () => {
    const received: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
    const hook = http.createServer((req, res) => {
      let body = "";
      req.on("data", (d) => (body += d));
      req.on("end", () => {
        received.push({ headers: req.headers, body });
        res.writeHead(200).end("ok");
      });
    });
    await new Promise<void>((r) => hook.listen(0, "127.0.0.1", r));
    const hookUrl = `http://127.0.0.1:${(hook.address() as net.AddressInfo).port}/acl-hook`;
    try {
      const { api, team } = await newTeam(ctx.server);
      const schema = { type: "object", required: ["amount"], properties: { amount: { type: "number", maximum: 100 } } };
      const created = await api.post<Task>("/tasks", {
        kind: "approval",
        queue: "external",
        title: "Pay supplier invoice",
        description: "From an agent running elsewhere",
        payload: { amount: 80 },
        schema,
        callbackUrl: hookUrl,
      });
      expectStatus(created, 201);
      expect(created.body).toMatchObject({ runId: null, kind: "approval", queue: "external", status: "pending", decision: null, schema });
      expect([...created.body.allowed].sort()).toEqual(["approve", "edit", "reject"]);
      const id = created.body.id;
      expect((await api.get<Task>(`/tasks/${id}`)).body.status).toBe("pending");
      expect((await api.tasks({ queue: "external" })).map((t) => t.id)).toEqual([id]);

      expectError(await api.resume(id, { action: "edit", payload: { amount: 500 } }), 422, "unprocessable", "payload.amount");
      const decided = await api.decide(id, { action: "edit", payload: { amount: 75 }, comment: "Discount applied" });
      expect(decided.run).toBeNull();
      const polled = (await api.get<Task>(`/tasks/${id}`)).body;
      expect(polled).toMatchObject({
        status: "decided",
        decidedAt: expect.any(String),
        decision: {
          action: "edit",
          payload: { amount: 75 },
          comment: "Discount applied",
          actor: { type: "api_key" },
          at: expect.any(String),
        },
      });
      expectError(await api.resume(id, { action: "approve" }), 409, "conflict");

      await waitUntil(
        async () => received.length,
        (n) => n > 0,
        { what: "the webhook" },
      );
      expect(received).toHaveLength(1);
      const { headers, body } = received[0]!;
      const signature = String(headers["x-acl-signature"] ?? "");
      const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature);
      expect(match, `x-acl-signature: ${signature}`).not.toBeNull();
      // Signed with this team's own secret (the one its owner sees in settings), not a global one.
      const mac = createHmac("sha256", await teamWebhookSecret(team.id))
        .update(`${match![1]}.${body}`)
        .digest("hex");
      expect(match![2]).toBe(mac);
      const other = await newTeam(ctx.server);
      expect(
        createHmac("sha256", await teamWebhookSecret(other.team.id))
          .update(`${match![1]}.${body}`)
          .digest("hex"),
      ).not.toBe(mac);
      expect(Math.abs(Date.now() / 1000 - Number(match![1]))).toBeLessThan(120);
      expect(JSON.parse(body)).toMatchObject({
        type: "task.decided",
        task: { id, status: "decided", decision: { action: "edit", payload: { amount: 75 } } },
      });

      // A clarification without a callback: the answer is read by polling.
      const question = await api.post<Task>("/tasks", {
        kind: "clarification",
        queue: "external",
        title: "Which plan?",
        question: "Pro or Team?",
        payload: {},
      });
      expectStatus(question, 201);
      await api.decide(question.body.id, { action: "respond", response: "Team" });
      expect((await api.get<Task>(`/tasks/${question.body.id}`)).body).toMatchObject({
        status: "decided",
        decision: { action: "respond", response: "Team" },
      });
      // No callbackUrl, no webhook: once every job has run, still only the first one arrived.
      await waitForIdle();
      expect(received).toHaveLength(1);
    } finally {
      await new Promise((r) => hook.close(r));
    }
  });

  it("callbackUrl to a private, loopback or metadata address in any notation → 400 naming callbackUrl, nothing created", async () => {
    const { api } = await newTeam(ctx.server);
    const task = { kind: "approval", queue: "ssrf", title: "t", payload: {} };
    for (const callbackUrl of [
      "http://localhost:3000/x", // a name that resolves to loopback (only the literal 127.0.0.1 is allowlisted here)
      "http://127.0.0.2/x",
      "http://2130706434/x",
      "http://0x7f000002/x",
      "http://0177.0.0.2/x",
      "http://10.0.0.1/x",
      "http://169.254.169.254/latest/meta-data/",
      "http://[::1]/x",
      "http://[::ffff:169.254.169.254]/x",
      "http://[fd00::1]/x",
      "ftp://93.184.215.14/x",
    ]) {
      expectError(await api.post("/tasks", { ...task, callbackUrl }), 400, "invalid_request", "callbackUrl");
    }
    expect(await api.tasks({ queue: "ssrf" })).toEqual([]);
    expectStatus(await api.post("/tasks", { ...task, callbackUrl: "https://93.184.215.14/hook" }), 201);
  });
});
