import { describe, expect, it } from "vitest";
import { expectError, expectStatus, sleep, type Task } from "./api";
import { newTeam, serverForFile } from "./fixtures";

/** API.md v1.1 "Deadlines and timeouts on standalone tasks", against the production server. */
const ctx = serverForFile();

async function untilTask(api: Awaited<ReturnType<typeof newTeam>>["api"], id: string, done: (t: Task) => boolean) {
  for (let i = 0; i < 150; i++) {
    const res = await api.get<Task>(`/tasks/${id}`);
    if (done(res.body)) return res.body;
    await sleep(100);
  }
  throw new Error(`task ${id} did not reach the expected state`);
}

const task = (extra: Record<string, unknown>) => ({
  kind: "approval",
  queue: "support",
  title: "Send the offer",
  payload: { n: 1 },
  ...extra,
});

describe("standalone task deadlines", () => {
  it("onTimeout 'escalate' needs escalateTo; an unknown outcome is a 400", async () => {
    const { api } = await newTeam(ctx.server);
    expectError(await api.post("/tasks", task({ onTimeout: "escalate" })), 400, "invalid_request", /escalateTo/);
    expectError(await api.post("/tasks", task({ onTimeout: "later" })), 400, "invalid_request", /onTimeout/);
  });

  it("'approve' expires the task with a system approval within 10 s; a late decision is 409 showing it", async () => {
    const { api } = await newTeam(ctx.server);
    const created = await api.post<Task>("/tasks", task({ onTimeout: "approve", dueAt: new Date(Date.now() + 1000).toISOString() }));
    expectStatus(created, 201);
    expect(created.body).toMatchObject({ onTimeout: "approve", escalatedFrom: null });
    const expired = await untilTask(api, created.body.id, (t) => t.status !== "pending");
    expect(expired).toMatchObject({ status: "expired", decision: { action: "approve", actor: { type: "system" } } });
    const late = await api.resume(created.body.id, { action: "reject", comment: "too late" });
    expectError(late, 409, "conflict");
    expect((late.body as unknown as { error: { details: { task: Task } } }).error.details.task).toMatchObject({
      status: "expired",
      decision: { action: "approve" },
    });
  });

  it("'escalate' moves the pending task to escalateTo with escalatedFrom and no dueAt", async () => {
    const { api } = await newTeam(ctx.server);
    const created = await api.post<Task>(
      "/tasks",
      task({ onTimeout: "escalate", escalateTo: "managers", dueAt: new Date(Date.now() + 1000).toISOString() }),
    );
    expectStatus(created, 201);
    const moved = await untilTask(api, created.body.id, (t) => t.queue === "managers");
    expect(moved).toMatchObject({ status: "pending", queue: "managers", escalatedFrom: "support", dueAt: null });
    const decided = await api.resume(created.body.id, { action: "approve" });
    expectStatus(decided, 200);
  });
});
