import http from "node:http";
import type net from "node:net";
import { describe, expect, it } from "vitest";
import { verifyWebhookSignature } from "@/lib/webhooks/sign";
import { expectError, expectStatus, refundInput, sleep, type Run, type Task } from "./api";
import { newTeam, serverForFile, sql, teamWebhookSecret, waitForIdle } from "./fixtures";

/**
 * Webhook delivery against the production server: retries with the same event id, expiry and
 * cancellation events, the team's own secret, and black-holed receivers that cannot hold up runs.
 * WEBHOOK_TIMEOUT_MS is raised here so that a black-holed delivery provably holds its slot while
 * the run moves (the default 5 s is covered in tests/integration/webhook-guard.test.ts).
 */
const ctx = serverForFile({ env: { WEBHOOK_TIMEOUT_MS: "60000" } });

/** These tests decide their own tasks with the creating key (API.md v1.1: `requesterMayDecide`). */
const selfDecide = { requesterMayDecide: true };

interface Hit {
  headers: http.IncomingHttpHeaders;
  body: string;
}

async function receiver(answer: (hit: Hit, n: number) => number | null) {
  const hits: Hit[] = [];
  const sockets = new Set<net.Socket>();
  let closedEarly = 0;
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      const hit = { headers: req.headers, body };
      hits.push(hit);
      const status = answer(hit, hits.length);
      if (status === null) {
        res.on("close", () => (closedEarly += 1)); // the sender gave up: timeout or shutdown
        return; // black hole: never answer
      }
      res.writeHead(status).end();
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/hook`,
    hits,
    closedEarly: () => closedEarly,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

async function until<T>(what: string, fn: () => T | Promise<T>, timeoutMs = 90_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

function verified(hit: Hit, secret: string) {
  return verifyWebhookSignature({ secret, body: hit.body, header: String(hit.headers["x-acl-signature"] ?? "") });
}

describe("webhook delivery", () => {
  it("a receiver that fails first gets the event again, same event id, signed with the team's secret; the delivery log has both attempts", async () => {
    const hook = await receiver((_hit, n) => (n === 1 ? 503 : 200));
    try {
      const { api, team } = await newTeam(ctx.server);
      const created = await api.post<Task>("/tasks", {
        kind: "approval",
        queue: "ext",
        title: "Pay",
        payload: { amount: 5 },
        callbackUrl: hook.url,
        ...selfDecide,
      });
      expectStatus(created, 201);
      await api.decide(created.body.id, { action: "approve" });
      await until("the retry", () => hook.hits.length >= 2);
      const [first, second] = hook.hits;
      const eventId = first!.headers["x-acl-event-id"];
      expect(eventId).toMatch(/^whevt_/);
      expect(second!.headers["x-acl-event-id"]).toBe(eventId);
      expect(second!.body).toBe(first!.body);
      const secret = await teamWebhookSecret(team.id);
      expect(verified(first!, secret)).toBe(true);
      expect(verified(second!, secret)).toBe(true);
      const other = await newTeam(ctx.server);
      expect(verified(second!, await teamWebhookSecret(other.team.id))).toBe(false);
      expect(JSON.parse(second!.body)).toMatchObject({
        id: eventId,
        type: "task.decided",
        task: { id: created.body.id, status: "decided" },
      });

      const [log] = await until("the delivered log", async () => {
        const rows = await sql<{ status: string; attempts: Array<{ statusCode: number | null }> }>(
          "select status, attempts from webhook_deliveries where task_id = $1",
          [created.body.id],
        );
        return rows[0]?.status === "delivered" ? rows : null;
      });
      expect(log!.attempts.map((a) => a.statusCode)).toEqual([503, 200]);
      // Delivered: no more attempts, checked once every job that was running or due has run.
      await waitForIdle();
      expect(hook.hits).toHaveLength(2);
    } finally {
      await hook.close();
    }
  });

  it("an expired task sends task.expired", async () => {
    const hook = await receiver(() => 204);
    try {
      const { api, team } = await newTeam(ctx.server);
      const dueAt = new Date(Date.now() + 1_000).toISOString();
      const created = await api.post<Task>("/tasks", {
        kind: "approval",
        queue: "ext",
        title: "Soon due",
        payload: {},
        dueAt,
        callbackUrl: hook.url,
      });
      expectStatus(created, 201);
      await until("the expiry webhook", () => hook.hits.length >= 1);
      const event = JSON.parse(hook.hits[0]!.body);
      expect(event).toMatchObject({ type: "task.expired", task: { id: created.body.id, status: "expired" } });
      expect(verified(hook.hits[0]!, await teamWebhookSecret(team.id))).toBe(true);
      expect((await api.get<Task>(`/tasks/${created.body.id}`)).body.status).toBe("expired");
    } finally {
      await hook.close();
    }
  });

  it("POST /tasks/{id}/cancel withdraws a standalone task and sends task.cancelled; again → 409; a run's task → 409", async () => {
    const hook = await receiver(() => 200);
    try {
      const { api, team } = await newTeam(ctx.server);
      const created = await api.post<Task>("/tasks", {
        kind: "review",
        queue: "ext",
        title: "Withdraw me",
        payload: {},
        callbackUrl: hook.url,
      });
      const cancelled = await api.post<Task>(`/tasks/${created.body.id}/cancel`, { reason: "answered elsewhere" });
      expectStatus(cancelled, 200);
      expect(cancelled.body).toMatchObject({ id: created.body.id, status: "cancelled" });
      await until("the cancellation webhook", () => hook.hits.length >= 1);
      expect(JSON.parse(hook.hits[0]!.body)).toMatchObject({ type: "task.cancelled", task: { id: created.body.id, status: "cancelled" } });
      expect(verified(hook.hits[0]!, await teamWebhookSecret(team.id))).toBe(true);
      expectError(await api.post(`/tasks/${created.body.id}/cancel`), 409, "conflict");
      expectError(await api.resume(created.body.id, { action: "approve" }), 409, "conflict");

      const run = await api.startRun("refund", refundInput(120));
      const [runTask] = await api.waitingTasks(run.id);
      expectError(await api.post(`/tasks/${runTask!.id}/cancel`), 409, "conflict", "cancel the run");
      const other = await newTeam(ctx.server);
      expectError(await other.api.post(`/tasks/${created.body.id}/cancel`), 404, "not_found");
    } finally {
      await hook.close();
    }
  });

  it("black-holed receivers occupy only webhook slots: a run completes while every delivery still hangs", async () => {
    const hole = await receiver(() => null);
    try {
      const { api } = await newTeam(ctx.server);
      // More hanging deliveries than the worker has slots for runs (WORKER_CONCURRENCY = 4).
      for (let i = 0; i < 6; i++) {
        const t = await api.post<Task>("/tasks", {
          kind: "approval",
          queue: "ext",
          title: `Hole ${i}`,
          payload: {},
          callbackUrl: hole.url,
          ...selfDecide,
        });
        await api.decide(t.body.id, { action: "approve" });
      }
      // Every webhook slot (WEBHOOK_CONCURRENCY = 4) is now held by a receiver that never answers.
      await until("the webhook slots to fill", () => hole.hits.length >= 4);
      const started = await api.post<Run>("/runs", { workflow: "refund", input: refundInput(20) });
      expectStatus(started, 202);
      const done = await until("the run to complete", async () => {
        const r = await api.get<Run>(`/runs/${started.body.id}?wait=5`);
        return r.body.status === "completed" ? r.body : null;
      });
      expect(done.output).toMatchObject({ refunded: true, amount: 20 });
      // Not one delivery timed out meanwhile: the run did not wait for a webhook slot.
      expect(hole.closedEarly()).toBe(0);
    } finally {
      await hole.close();
    }
  });
});
