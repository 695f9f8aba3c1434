import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/teams";
import { runCli, TEST_ACTOR } from "../helpers";
import { expectError, expectStatus, refundInput, type AuditEvent, type Task } from "./api";
import { newTeam, serverForFile, sql } from "./fixtures";

/** API.md v1.1: key scopes, queue-limited keys and separation of duties, over real HTTP. */
const ctx = serverForFile();

async function keyFor(team: Awaited<ReturnType<typeof newTeam>>, scopes: string[], queues?: string[]) {
  const key = await createApiKey({ teamId: team.team.id, name: scopes.join("+"), actor: TEST_ACTOR, scopes, queues });
  return { ...key, api: team.api.withKey(key.apiKey) };
}

describe("scopes", () => {
  it("each route needs its scope: 403 forbidden without it, naming the scope", async () => {
    const team = await newTeam(ctx.server);
    const run = await team.api.startRun("refund", refundInput(100));
    const [task] = await team.api.waitingTasks(run.id);

    // The default key (runs, tasks) may not decide.
    const noDecide = await team.api.resume(task!.id, { action: "approve" }, { key: team.apiKey });
    expectError(noDecide, 403, "forbidden");
    expect(noDecide.body.error.message).toContain("'decide' scope");

    const decideOnly = await keyFor(team, ["decide"]);
    for (const res of [
      await decideOnly.api.get("/runs"),
      await decideOnly.api.get(`/runs/${run.id}`),
      await decideOnly.api.post("/runs", { workflow: "refund", input: refundInput(10) }),
      await decideOnly.api.get("/workflows"),
      await decideOnly.api.get("/tasks"),
      await decideOnly.api.get("/audit"),
      await decideOnly.api.get("/feedback"),
      await decideOnly.api.post("/tasks", { kind: "approval", queue: "ops", title: "x", payload: {} }),
    ]) {
      expectError(res, 403, "forbidden");
    }
    const tasksOnly = await keyFor(team, ["tasks"]);
    expectError(await tasksOnly.api.post("/runs", { workflow: "refund", input: refundInput(10) }), 403, "forbidden");
    expectError(await tasksOnly.api.post(`/runs/${run.id}/cancel`, {}), 403, "forbidden");
    expectStatus(await tasksOnly.api.get(`/tasks/${task!.id}`), 200);

    // Nothing was decided by the refused calls; a decide key does it.
    expect((await team.api.get<Task>(`/tasks/${task!.id}`)).body).toMatchObject({ status: "pending", decision: null });
    const ok = await decideOnly.api.resume(task!.id, { action: "approve" });
    expectStatus(ok, 200);
    expect(ok.body.task.decision).toMatchObject({ actor: { type: "api_key", id: decideOnly.id } });
  });
});

describe("separation of duties", () => {
  it("the key that started a run never decides its tasks: 403, nothing recorded; another key may", async () => {
    const team = await newTeam(ctx.server);
    const agent = await keyFor(team, ["runs", "tasks", "decide"]);
    const run = await agent.api.startRun("refund", refundInput(120));
    const [task] = await agent.api.waitingTasks(run.id);
    expect(task!.requestedBy).toEqual({ type: "api_key", id: agent.id });

    const self = await agent.api.resume(task!.id, { action: "approve" }, { key: agent.apiKey });
    expectError(self, 403, "forbidden");
    expect(self.body.error.message).toMatch(/^separation of duties/);
    expect((await agent.api.get<Task>(`/tasks/${task!.id}`)).body).toMatchObject({ status: "pending", decision: null });
    const events = await team.api.all<AuditEvent>("/audit", { subjectId: task!.id });
    expect(events.filter((e) => e.action !== "task.created")).toEqual([]);

    const other = await team.api.resume(task!.id, { action: "approve" }); // the team's reviewer key
    expectStatus(other, 200);
  });

  it("a standalone task's creator may decide it only with requesterMayDecide: true", async () => {
    const team = await newTeam(ctx.server);
    const chat = await keyFor(team, ["tasks", "decide"]);
    const body = { kind: "approval", queue: "ops", title: "Send the summary?", payload: { n: 1 } };
    const plain = await chat.api.post<Task>("/tasks", body);
    expectStatus(plain, 201);
    expect(plain.body).toMatchObject({ requestedBy: { type: "api_key", id: chat.id }, requesterMayDecide: null });
    expectError(await chat.api.resume(plain.body.id, { action: "approve" }, { key: chat.apiKey }), 403, "forbidden");

    const open = await chat.api.post<Task>("/tasks", { ...body, requesterMayDecide: true });
    expectStatus(open, 201);
    expectStatus(await chat.api.resume(open.body.id, { action: "approve" }, { key: chat.apiKey }), 200);
  });
});

describe("queue-limited keys", () => {
  it("see and decide only their queues; other queues' tasks are 404 everywhere", async () => {
    const team = await newTeam(ctx.server);
    const supportRun = await team.api.startRun("refund", refundInput(100)); // support
    const financeRun = await team.api.startRun("refund", refundInput(900)); // finance
    const [supportTask] = await team.api.waitingTasks(supportRun.id);
    const [financeTask] = await team.api.waitingTasks(financeRun.id);
    expect([supportTask!.queue, financeTask!.queue]).toEqual(["support", "finance"]);

    const support = await keyFor(team, ["runs", "tasks", "decide"], ["support"]);
    expectError(await support.api.get(`/tasks/${financeTask!.id}`), 404, "not_found");
    expectError(await support.api.resume(financeTask!.id, { action: "approve" }, { key: support.apiKey }), 404, "not_found");
    const listed = await support.api.tasks();
    expect(listed.map((t) => t.id)).toEqual([supportTask!.id]);
    expect(await support.api.tasks({ queue: "finance" })).toEqual([]);
    expectStatus(await support.api.resume(supportTask!.id, { action: "approve" }, { key: support.apiKey }), 200);
    expect((await team.api.get<Task>(`/tasks/${financeTask!.id}`)).body.status).toBe("pending");
  });
});

describe("cli apikey:create", () => {
  it("--scopes and --queues: printed and stored; an unknown scope exits 2 with the usage", async () => {
    const team = await newTeam(ctx.server);
    const made = await runCli(["apikey:create", "--team", team.team.slug, "--scopes", "decide,tasks", "--queues", "support,outreach"]);
    expect(made.code, made.stderr).toBe(0);
    const out = made.json<{ apiKey: string; id: string; scopes: string[]; queues: string[] }>();
    expect(out).toMatchObject({ scopes: ["tasks", "decide"], queues: ["support", "outreach"] });
    const [row] = await sql<{ scopes: string[]; queues: string[] }>("select scopes, queues from api_keys where id = $1", [out.id]);
    expect(row).toEqual({ scopes: ["tasks", "decide"], queues: ["support", "outreach"] });
    const plain = (await runCli(["apikey:create", "--team", team.team.slug])).json<{ scopes: string[]; queues: null }>();
    expect(plain).toMatchObject({ scopes: ["runs", "tasks"], queues: null });

    const bad = await runCli(["apikey:create", "--team", team.team.slug, "--scopes", "runs,admin"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("unknown scope 'admin'");
    expect(bad.stderr).toContain("--scopes runs,tasks,decide");
  });
});
