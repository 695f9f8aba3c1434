import { describe, expect, it } from "vitest";
import { expectError, leads, refundInput, type Api } from "./api";
import { newTeam, outreachOutbox, refundRows, serverForFile } from "./fixtures";

/** The built-in workflows' paths from shared/API.md, over HTTP with an API key. */
const ctx = serverForFile();
const sortBy = <T>(items: T[], key: (t: T) => string) => [...items].sort((a, b) => key(a).localeCompare(key(b)));

describe("email-outreach", () => {
  it("approve, edit and reject: output {sent, rejected}; the outbox holds approved and edited drafts once each", async () => {
    const { api } = await newTeam(ctx.server);
    const people = leads(4, "paths");
    const run = await api.startRun("email-outreach", { leads: people, product: "Acme Pilot" });
    expect(["queued", "running", "waiting"]).toContain(run.status);
    expect(run.workflow).toBe("email-outreach");

    const tasks = await api.waitingTasks(run.id);
    expect(tasks).toHaveLength(4);
    for (const t of tasks) {
      expect(t).toMatchObject({ runId: run.id, kind: "approval", queue: "outreach", status: "pending", decision: null });
      expect([...t.allowed].sort()).toEqual(["approve", "edit", "reject"]);
      expect(t.schema).toMatchObject({ required: expect.arrayContaining(["to", "subject", "body"]) });
      expect(t.payload).toEqual({ to: expect.any(String), subject: expect.any(String), body: expect.any(String) });
    }
    const byTo = new Map(tasks.map((t) => [t.payload.to as string, t]));
    expect([...byTo.keys()].sort()).toEqual(people.map((p) => p.email).sort());
    const [approved, edited, rejected, approved2] = people.map((p) => byTo.get(p.email)!);
    expect((await api.getRun(run.id)).body.pendingTaskIds.sort()).toEqual(tasks.map((t) => t.id).sort());

    // An edit that fails the draft schema is refused and names the failing paths; the task stays pending.
    const bad = await api.resume(edited!.id, { action: "edit", payload: { to: "not-an-email", subject: "" } });
    const message = expectError(bad, 422, "unprocessable");
    expect(message).toContain("body");
    expect(message).toContain("subject");
    expect(message).toContain("to");
    expect((await api.get(`/tasks/${edited!.id}`)).body.status).toBe("pending");

    const editedEmail = { to: edited!.payload.to, subject: "Edited: a better subject", body: "Edited body, written by a human." };
    await api.decide(approved!.id, { action: "approve" });
    await api.decide(edited!.id, { action: "edit", payload: editedEmail });
    await api.decide(rejected!.id, { action: "reject", comment: "Not a fit" });
    await api.decide(approved2!.id, { action: "approve", comment: "ok" });

    const done = await api.waitForRun(run.id, { until: ["completed"] });
    expect(done.pendingTaskIds).toEqual([]);
    expect(done.completedAt).toEqual(expect.any(String));
    expect(done.output.rejected).toEqual([rejected!.payload.to]);
    expect(sortBy(done.output.sent as Array<{ to: string; subject: string }>, (s) => s.to)).toEqual(
      sortBy(
        [
          { to: approved!.payload.to, subject: approved!.payload.subject },
          { to: editedEmail.to, subject: editedEmail.subject },
          { to: approved2!.payload.to, subject: approved2!.payload.subject },
        ],
        (s) => s.to,
      ),
    );

    const outbox = await outreachOutbox(run.id);
    expect(sortBy(outbox, (m) => m.to).map((m) => ({ to: m.to, subject: m.subject, text: m.text }))).toEqual(
      sortBy(
        [
          { to: approved!.payload.to, subject: approved!.payload.subject, text: approved!.payload.body },
          { to: editedEmail.to, subject: editedEmail.subject, text: editedEmail.body },
          { to: approved2!.payload.to, subject: approved2!.payload.subject, text: approved2!.payload.body },
        ],
        (m) => m.to,
      ),
    );

    // Every task shows its decision, made by this API key.
    const after = await api.tasks({ runId: run.id });
    expect(after.map((t) => [t.payload.to, t.status, t.decision?.action]).sort()).toEqual(
      [
        [approved!.payload.to, "decided", "approve"],
        [edited!.payload.to, "decided", "edit"],
        [rejected!.payload.to, "decided", "reject"],
        [approved2!.payload.to, "decided", "approve"],
      ].sort(),
    );
    const rejectedAfter = after.find((t) => t.id === rejected!.id)!;
    expect(rejectedAfter.decision).toMatchObject({ comment: "Not a fit", actor: { type: "api_key" }, at: expect.any(String) });
    expect(rejectedAfter.decidedAt).toEqual(expect.any(String));
  });
});

async function refundRun(api: Api, amount: number) {
  const input = refundInput(amount);
  const run = await api.startRun("refund", input);
  return { input, run: await api.waitForRun(run.id) };
}

describe("refund", () => {
  it("amount ≤ 50: refunded by the agent, no task", async () => {
    const { api } = await newTeam(ctx.server);
    for (const amount of [0.5, 50]) {
      const { run, input } = await refundRun(api, amount);
      expect(run.status).toBe("completed");
      expect(run.output).toEqual({ refunded: true, amount });
      expect(await api.tasks({ runId: run.id })).toEqual([]);
      expect(await refundRows(run.id)).toEqual([{ amount, currency: "USD", order_id: input.orderId }]);
    }
  });

  it("51..500 waits for one approval in `support`, above 500 in `finance`; approve refunds the full amount", async () => {
    const { api } = await newTeam(ctx.server);
    for (const [amount, queue] of [
      [51, "support"],
      [500, "support"],
      [500.01, "finance"],
      [10_000, "finance"], // above 10,000 two approvals are needed: tests/http/quorum.test.ts
    ] as const) {
      const { run, input } = await refundRun(api, amount);
      expect(run.status).toBe("waiting");
      const tasks = await api.tasks({ runId: run.id });
      expect(tasks).toHaveLength(1);
      expect(tasks[0]).toMatchObject({ kind: "approval", queue, status: "pending", payload: { amount, orderId: input.orderId } });
      expect(run.pendingTaskIds).toEqual([tasks[0]!.id]);
      expect(await refundRows(run.id)).toEqual([]); // nothing happens before the human decides
      await api.decide(tasks[0]!.id, { action: "approve" });
      const done = await api.waitForRun(run.id, { until: ["completed"] });
      expect(done.output).toEqual({ refunded: true, amount });
      expect(await refundRows(run.id)).toHaveLength(1);
    }
  });

  it("edit lowering the amount refunds the edited amount; raising it is 422 naming the path", async () => {
    const { api } = await newTeam(ctx.server);
    const { run } = await refundRun(api, 300);
    const [task] = await api.tasks({ runId: run.id });

    const raised = await api.resume(task!.id, { action: "edit", payload: { ...task!.payload, amount: 301 } });
    expect(expectError(raised, 422, "unprocessable")).toContain("payload.amount");
    const zero = await api.resume(task!.id, { action: "edit", payload: { ...task!.payload, amount: 0 } });
    expect(expectError(zero, 422, "unprocessable")).toContain("payload.amount");
    expect((await api.get(`/tasks/${task!.id}`)).body.status).toBe("pending");

    const res = await api.decide(task!.id, { action: "edit", payload: { ...task!.payload, amount: 120.5 } });
    expect(res.task).toMatchObject({ status: "decided", decision: { action: "edit", payload: { amount: 120.5 } } });
    expect(res.run?.id).toBe(run.id);
    const done = await api.waitForRun(run.id, { until: ["completed"] });
    expect(done.output).toEqual({ refunded: true, amount: 120.5 });
    expect((await refundRows(run.id)).map((r) => r.amount)).toEqual([120.5]);
  });

  it("reject: refunded false, nothing refunded", async () => {
    const { api } = await newTeam(ctx.server);
    const { run } = await refundRun(api, 80);
    const [task] = await api.tasks({ runId: run.id });
    await api.decide(task!.id, { action: "reject", comment: "Customer already got a replacement" });
    const done = await api.waitForRun(run.id, { until: ["completed"] });
    expect(done.output).toMatchObject({ refunded: false });
    expect(await refundRows(run.id)).toEqual([]);
  });
});
