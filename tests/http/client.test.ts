import http from "node:http";
import type net from "node:net";
import { describe, expect, it } from "vitest";
import { AclApiError, createAclClient, verifyWebhook, type WebhookEvent } from "@/clients/typescript/src";
import { createApiKey } from "@/lib/teams";
import { TEST_ACTOR } from "../helpers";
import { refundInput } from "./api";
import { newTeam, serverForFile, teamWebhookSecret } from "./fixtures";

/**
 * The typed client (clients/typescript) against the production build: an agent's key starts
 * and waits, a reviewer's key (another key: separation of duties) decides.
 */
const ctx = serverForFile();

async function clients() {
  const team = await newTeam(ctx.server);
  const reviewerKey = await createApiKey({
    teamId: team.team.id,
    name: "reviewer",
    actor: TEST_ACTOR,
    scopes: ["runs", "tasks", "decide"],
  });
  return {
    team,
    agent: createAclClient({ baseUrl: ctx.server.url, apiKey: team.apiKey }),
    reviewer: createAclClient({ baseUrl: `${ctx.server.url}/api/v1`, apiKey: reviewerKey.apiKey }),
  };
}

describe("typed client", () => {
  it("drives a refund run: startRun → waitForRun (waiting) → resume (edit) → waitForRun (completed)", async () => {
    const { agent, reviewer } = await clients();
    const input = refundInput(120);
    const started = await agent.startRun("refund", input, { idempotencyKey: `client-${input.orderId}`, metadata: { source: "client" } });
    expect(started).toMatchObject({ workflow: "refund", metadata: { source: "client" } });
    // The same Idempotency-Key and body: the first run again, not a second one.
    expect((await agent.startRun("refund", input, { idempotencyKey: `client-${input.orderId}`, metadata: { source: "client" } })).id).toBe(
      started.id,
    );

    const paused = await agent.waitForRun(started.id, { timeoutMs: 90_000 });
    expect(paused.status).toBe("waiting");
    expect(paused.pendingTaskIds).toHaveLength(1);
    const [task] = await reviewer.listTasks({ runId: started.id, status: "pending" });
    expect(task).toMatchObject({
      id: paused.pendingTaskIds[0],
      kind: "approval",
      queue: "support",
      allowed: ["approve", "edit", "reject"],
    });

    const drafted = task!.payload as Record<string, unknown>;
    expect(drafted).toMatchObject({ orderId: input.orderId, amount: 120 });
    // An edit the schema refuses comes back as a typed error, and nothing is recorded.
    const invalid = await reviewer.resume(task!.id, { action: "edit", payload: { ...drafted, amount: 500 } }).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(AclApiError);
    expect(invalid).toMatchObject({ status: 422, code: "unprocessable" });

    const decided = await reviewer.resume(task!.id, { action: "edit", payload: { ...drafted, amount: 80 }, comment: "Partial refund" });
    expect(decided.task).toMatchObject({ status: "decided", decision: { action: "edit", comment: "Partial refund" } });
    expect(decided.run?.id).toBe(started.id);
    const again = await reviewer.resume(task!.id, { action: "approve" }).catch((e: unknown) => e);
    expect(again).toMatchObject({ status: 409, code: "conflict" });

    const done = await agent.waitForRun(started.id, { until: ["completed"], timeoutMs: 90_000 });
    expect(done.output).toEqual({ refunded: true, amount: 80 });
    expect((await agent.getRun(started.id)).status).toBe("completed");

    const missing = await agent.getRun("run_does_not_exist").catch((e: unknown) => e);
    expect(missing).toMatchObject({ status: 404, code: "not_found" });
  });

  it("createTask → waitForDecision while another key decides; the webhook verifies with verifyWebhook", async () => {
    const received: Array<{ signature: string; body: string }> = [];
    const hook = http.createServer((req, res) => {
      let body = "";
      req.on("data", (d) => (body += d));
      req.on("end", () => {
        received.push({ signature: String(req.headers["x-acl-signature"] ?? ""), body });
        res.writeHead(200).end("ok");
      });
    });
    await new Promise<void>((r) => hook.listen(0, "127.0.0.1", r));
    try {
      const { team, agent, reviewer } = await clients();
      const secret = await teamWebhookSecret(team.team.id);
      const task = await agent.createTask({
        kind: "approval",
        queue: "external",
        title: "Pay supplier invoice",
        payload: { amount: 80 },
        schema: { type: "object", required: ["amount"], properties: { amount: { type: "number", maximum: 100 } } },
        callbackUrl: `http://127.0.0.1:${(hook.address() as net.AddressInfo).port}/hook`,
      });
      expect(task).toMatchObject({ status: "pending", runId: null, queue: "external" });

      const waiting = agent.waitForDecision(task.id, { intervalMs: 200, timeoutMs: 60_000 });
      await reviewer.resume(task.id, { action: "approve", comment: "ok" });
      const decided = await waiting;
      expect(decided).toMatchObject({ id: task.id, status: "decided", decision: { action: "approve", comment: "ok" } });

      const deadline = Date.now() + 30_000;
      while (received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(received.length).toBeGreaterThan(0);
      const { signature, body } = received[0]!;
      expect(verifyWebhook(signature, body, secret)).toBe(true);
      expect(verifyWebhook(signature, body.replace('"approve"', '"reject"'), secret)).toBe(false);
      expect(verifyWebhook(signature, body, "not-the-secret")).toBe(false);
      const event = JSON.parse(body) as WebhookEvent;
      expect(event).toMatchObject({ type: "task.decided", task: { id: task.id, status: "decided" } });
    } finally {
      await new Promise((r) => hook.close(r));
    }
  });

  it("the raw typed client reaches every operation; a bad key is a typed 401", async () => {
    const { agent } = await clients();
    const { data, response } = await agent.api.GET("/workflows");
    expect(response.status).toBe(200);
    expect(data?.items.map((w) => w.id)).toEqual(expect.arrayContaining(["refund", "content-draft"]));
    const anonymous = createAclClient({ baseUrl: ctx.server.url, apiKey: "acl_live_nope" });
    await expect(anonymous.startRun("refund", refundInput(10))).rejects.toMatchObject({ status: 401, code: "unauthenticated" });
  });
});
