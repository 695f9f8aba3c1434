import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { effects, mailMessages, tasks } from "@/db/schema";
import { startWorker, type WorkerHandle } from "@/lib/engine/worker";
import { createTestTeam, type TestTeam } from "../helpers";
import { runDriver } from "../support/runs";

// The built-in `ops-agent`: a real `createAgent` agent with `humanInTheLoopMiddleware`, driven
// offline by the deterministic tool-calling model, through the real engine and database.

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

const REQUEST = "Order 1042 arrived damaged. Please refund the customer and let them know.";

async function runEffects(runId: string) {
  return getDb()
    .select()
    .from(effects)
    .where(and(eq(effects.teamId, team.team.id), like(effects.key, `ops-agent:${runId}:%`)));
}

describe("ops-agent", () => {
  it("looks the order up on its own, then waits for a reviewer on the refund: one task, the tool call as payload", async () => {
    const run = await driver.start("ops-agent", { request: REQUEST });
    expect(run.status).toBe("waiting");
    const [task, ...rest] = await driver.pending(run.id);
    expect(rest).toHaveLength(0);
    expect(task).toMatchObject({
      kind: "approval",
      queue: "ops",
      title: "Refund 120.00 USD for order 1042.",
      payload: { orderId: "1042", amount: 120, currency: "USD", reason: REQUEST },
      allowed: ["approve", "edit", "reject"],
      interruptIndex: 0,
    });
    // args_schema is the edit schema, marked so the dashboard renders a tool call.
    expect(task!.schema).toMatchObject({ type: "object", "x-acl-view": "tool-call", "x-acl-tool": "issue_refund" });
    expect(await runEffects(run.id)).toHaveLength(0); // nothing happened before the approval
  });

  it("edit: the refund runs with the edited amount, and the agent's email (approved) says so", async () => {
    const run = await driver.start("ops-agent", { request: REQUEST });
    const [refund] = await driver.pending(run.id);
    await expect(
      driver.decide(refund!.id, { action: "edit", payload: { ...(refund!.payload as object), amount: -5 } }),
    ).rejects.toMatchObject({
      code: "unprocessable",
      details: { failures: [{ path: "payload.amount" }] },
    });
    await driver.decide(refund!.id, { action: "edit", payload: { ...(refund!.payload as object), amount: 80 } });
    const waiting = await driver.next(run.id, [refund!.id]);
    expect(waiting.status).toBe("waiting");
    const [email] = await driver.pending(run.id);
    expect(email).toMatchObject({ title: "Email sam@example.com: “Your refund for order 1042”." });
    expect((email!.payload as { body: string }).body).toContain("We have refunded 80.00 USD for your order 1042");

    await driver.decide(email!.id, { action: "approve" });
    const done = await driver.next(run.id, [email!.id]);
    expect(done.status).toBe("completed");
    const output = done.output as { reply: string; toolCalls: Array<{ name: string; args: Record<string, unknown>; status: string }> };
    expect(output.reply).toBe("Done: refunded and emailed sam@example.com.");
    expect(output.toolCalls.map((c) => [c.name, c.status])).toEqual([
      ["lookup_order", "success"],
      ["issue_refund", "success"],
      ["send_email", "success"],
    ]);
    expect(output.toolCalls[1]!.args).toMatchObject({ amount: 80 });

    const done_effects = await runEffects(run.id);
    expect(done_effects.map((e) => e.result)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ orderId: "1042", amount: 80, currency: "USD" }),
        expect.objectContaining({ to: "sam@example.com" }),
      ]),
    );
    const mail = await getDb()
      .select()
      .from(mailMessages)
      .where(like(mailMessages.dedupeKey, `ops-agent:${run.id}:%`));
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ to: "sam@example.com", subject: "Your refund for order 1042" });
  });

  it("reject: the refund tool never runs, the agent sees the reviewer's reason and stops", async () => {
    const run = await driver.start("ops-agent", { request: REQUEST });
    const [refund] = await driver.pending(run.id);
    await driver.decide(refund!.id, { action: "reject", comment: "Outside the 30-day window" });
    const done = await driver.next(run.id, [refund!.id]);
    expect(done.status).toBe("completed");
    const output = done.output as { reply: string; toolCalls: Array<{ name: string; status: string; result: string }> };
    expect(output.reply).toBe("I did not refund the order: Rejected by a reviewer: Outside the 30-day window");
    expect(output.toolCalls.find((c) => c.name === "issue_refund")).toMatchObject({ status: "error" });
    expect(await runEffects(run.id)).toHaveLength(0);
    const all = await getDb().select().from(tasks).where(eq(tasks.runId, run.id));
    expect(all).toHaveLength(1);
  });
});
