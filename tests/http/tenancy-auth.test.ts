import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { createApiKey, revokeApiKey } from "@/lib/teams";
import { TEST_ACTOR } from "../helpers";
import { expectError, expectStatus, refundInput, type AuditEvent, type Run, type Task } from "./api";
import { newTeam, serverForFile } from "./fixtures";

/** A key sees only its team: other teams' ids are 404 everywhere, lists never show them. */
const ctx = serverForFile();

describe("tenant isolation", () => {
  it("another team's key gets 404 on every route with an id, and its lists never show the other team", async () => {
    const a = await newTeam(ctx.server);
    const b = await newTeam(ctx.server);

    // Team A: a waiting run with a task, and an edited content draft (feedback, audit).
    const runA = await a.api.startRun("refund", refundInput(100));
    const [taskA] = await a.api.waitingTasks(runA.id);
    const draftA = await a.api.startRun("content-draft", { topic: "Team A secrets" });
    const [reviewA] = await a.api.waitingTasks(draftA.id);
    await a.api.decide(reviewA!.id, { action: "edit", payload: { ...reviewA!.payload, markdown: "# A only\n" } });
    await a.api.waitForRun(draftA.id, { until: ["completed"] });
    // Team B: a run of its own.
    const runB = await b.api.startRun("refund", refundInput(200));
    const [taskB] = await b.api.waitingTasks(runB.id);

    const notFound = [
      await b.api.get(`/runs/${runA.id}`),
      await b.api.get(`/runs/${runA.id}?wait=1`),
      await b.api.post(`/runs/${runA.id}/cancel`, {}),
      await b.api.get(`/tasks/${taskA!.id}`),
      await b.api.resume(taskA!.id, { action: "approve" }),
      await b.api.resume(reviewA!.id, { action: "reject" }),
      await b.api.get(`/runs/${draftA.id}`),
    ];
    for (const res of notFound) expectError(res, 404, "not_found");

    // Nothing happened to team A's run and task.
    expect((await a.api.getRun(runA.id)).body).toMatchObject({ status: "waiting", pendingTaskIds: [taskA!.id] });
    expect((await a.api.get<Task>(`/tasks/${taskA!.id}`)).body).toMatchObject({ status: "pending", decision: null });

    const aIds = new Set([runA.id, taskA!.id, draftA.id, reviewA!.id]);
    const bRuns = await b.api.all<Run>("/runs");
    expect(bRuns.map((r) => r.id)).toEqual([runB.id]);
    const bTasks = await b.api.tasks();
    expect(bTasks.map((t) => t.id)).toEqual([taskB!.id]);
    expect(await b.api.tasks({ runId: runA.id })).toEqual([]);
    expect(await b.api.tasks({ queue: "support", status: "pending" })).toHaveLength(1);
    expect(await b.api.all<Run>("/runs", { workflow: "content-draft" })).toEqual([]);
    const bAudit = await b.api.all<AuditEvent>("/audit");
    expect(bAudit.length).toBeGreaterThan(0);
    expect(bAudit.filter((e) => aIds.has(e.subjectId) || JSON.stringify(e.data).includes(runA.id))).toEqual([]);
    expect(await b.api.all<AuditEvent>("/audit", { subjectId: taskA!.id })).toEqual([]);
    expect((await b.api.get("/feedback")).body).toEqual({ items: [], nextCursor: null });
    const jsonl = await b.api.get("/feedback?format=jsonl");
    expectStatus(jsonl, 200);
    expect(jsonl.text.trim()).toBe("");

    // And the other way round.
    const aRuns = await a.api.all<Run>("/runs");
    expect(aRuns.map((r) => r.id).sort()).toEqual([runA.id, draftA.id].sort());
    expect((await a.api.all<Task>("/tasks")).some((t) => t.id === taskB!.id)).toBe(false);
    expect((await a.api.get("/feedback")).body.items).toHaveLength(1);
    expectError(await a.api.get(`/tasks/${taskB!.id}`), 404, "not_found");
  });
});

describe("authentication", () => {
  it("no key, an unknown key or a malformed header → 401 in the contract's shape", async () => {
    const { api } = await newTeam(ctx.server);
    const run = await api.startRun("refund", refundInput(100));
    const [task] = await api.waitingTasks(run.id);
    const anon = api.withKey(null);
    const calls = [
      () => anon.get("/runs"),
      () => anon.get("/workflows"),
      () => anon.post("/runs", { workflow: "refund", input: refundInput(10) }),
      () => anon.get(`/runs/${run.id}`),
      () => anon.post(`/runs/${run.id}/cancel`, {}),
      () => anon.get(`/tasks/${task!.id}`),
      () => anon.resume(task!.id, { action: "approve" }),
      () => anon.get("/audit"),
      () => anon.get("/feedback"),
      () => anon.post("/tasks", { kind: "approval", queue: "q", title: "t", payload: {} }),
      () => api.withKey("acl_live_notarealkeynotarealkey0000").get("/runs"),
      () => api.withKey("not-even-a-prefix").get("/runs"),
      () => anon.get("/runs", { headers: { authorization: `Basic ${Buffer.from("a:b").toString("base64")}` } }),
      () => anon.get("/runs", { headers: { authorization: "Bearer " } }),
    ];
    for (const call of calls) expectError(await call(), 401, "unauthenticated");
    // None of it touched the run.
    expect((await api.get<Task>(`/tasks/${task!.id}`)).body.status).toBe("pending");
  });

  it("a revoked key is refused on the very next request", async () => {
    const team = await newTeam(ctx.server);
    const run = await team.api.startRun("refund", refundInput(100));
    const [task] = await team.api.waitingTasks(run.id);
    expectStatus(await team.api.get("/runs"), 200);

    await revokeApiKey({ keyId: team.deciderKeyId, actor: TEST_ACTOR }); // the reviewer tool's key, as `cli apikey:revoke` does
    await revokeApiKey({ keyId: team.apiKeyId, actor: TEST_ACTOR });

    expectError(await team.api.get("/runs"), 401, "unauthenticated");
    expectError(await team.api.resume(task!.id, { action: "approve" }), 401, "unauthenticated"); // the revoked decide key
    expectError(await team.api.post("/runs", { workflow: "refund", input: refundInput(10) }), 401, "unauthenticated");

    // A new key of the same team still works, and the task was not decided by the revoked one.
    const fresh = await createApiKey({ teamId: team.team.id, actor: TEST_ACTOR });
    const api2 = team.api.withKey(fresh.apiKey);
    expect((await api2.get<Task>(`/tasks/${task!.id}`)).body.status).toBe("pending");
  });
});
