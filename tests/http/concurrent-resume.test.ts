import { expect, it } from "vitest";
import { expectError, refundInput, type ApiResponse, type AuditEvent, type Run, type Task } from "./api";
import { newTeam, refundRows, serverForFile } from "./fixtures";

/**
 * Exactly one decision wins per task: 20 resumes of the same task at the same moment give
 * one 200 and nineteen 409s, and the run resumes once (one refund, one decision event).
 */
const ctx = serverForFile();
const DECISION_EVENTS = ["task.approved", "task.edited", "task.rejected", "task.responded"];
type ResumeResponse = ApiResponse<{ task: Task; run: Run | null }>;

function splitOutcomes(responses: ResumeResponse[]) {
  const winners = responses.map((r, i) => ({ r, i })).filter(({ r }) => r.status === 200);
  const losers = responses.filter((r) => r.status !== 200);
  expect(winners.map(({ r }) => r.status)).toEqual([200]);
  expect(losers).toHaveLength(responses.length - 1);
  for (const r of losers) expectError(r, 409, "conflict");
  return winners[0]!;
}

it("refund: 20 concurrent resumes (approve and edits) → one 200, nineteen 409, one refund", async () => {
  const { api, deciderKeyId } = await newTeam(ctx.server); // decisions go through the reviewer tool's key
  for (let round = 0; round < 3; round++) {
    const run = await api.startRun("refund", refundInput(200));
    const [task] = await api.waitingTasks(run.id);
    // Each contender asks for a different amount, so the refund shows whose decision ran.
    const contenders = Array.from({ length: 20 }, (_, i) =>
      i === 0 ? { action: "approve" as const, amount: 200 } : { action: "edit" as const, amount: 100 + i },
    );
    await api.get("/workflows"); // warm the connection pool so the 20 requests leave together
    const responses = await Promise.all(
      contenders.map((c) =>
        api.resume(
          task!.id,
          c.action === "edit" ? { action: "edit", payload: { ...task!.payload, amount: c.amount } } : { action: "approve" },
        ),
      ),
    );
    const winner = splitOutcomes(responses);
    const won = contenders[winner.i]!;
    expect(winner.r.body.task.decision?.action).toBe(won.action);
    // Every loser is told who decided, how and when, in words and in the task it gets back.
    const decision = winner.r.body.task.decision!;
    expect(decision.actor).toEqual({ type: "api_key", id: deciderKeyId });
    for (const r of responses.filter((x) => x.status === 409)) {
      expect(r.body.error.message).toBe(
        `Task ${task!.id} was already decided (${won.action}) by api_key ${decision.actor.id} at ${decision.at}.`,
      );
      expect(r.body.error.details.task).toMatchObject({
        id: task!.id,
        status: "decided",
        decision: { action: won.action, actor: decision.actor },
      });
    }

    const done = await api.waitForRun(run.id, { until: ["completed"] });
    expect(done.output).toEqual({ refunded: true, amount: won.amount });
    expect((await refundRows(run.id)).map((r) => r.amount)).toEqual([won.amount]);

    const task2 = (await api.get<Task>(`/tasks/${task!.id}`)).body;
    expect(task2.status).toBe("decided");
    expect(task2.decision?.action).toBe(won.action);

    const audit = await api.all<AuditEvent>("/audit", { subjectId: task!.id });
    expect(audit.filter((e) => DECISION_EVENTS.includes(e.action))).toHaveLength(1);
    const runAudit = await api.all<AuditEvent>("/audit", { subjectId: run.id });
    expect(runAudit.filter((e) => e.action === "run.completed")).toHaveLength(1);

    // Later attempts are refused as well, and change nothing.
    expectError(await api.resume(task!.id, { action: "reject" }), 409, "conflict");
    expect((await refundRows(run.id)).length).toBe(1);
  }
});

it("support-triage: 20 concurrent answers → one wins and is the answer the agent used", async () => {
  const { api } = await newTeam(ctx.server);
  const run = await api.startRun("support-triage", { ticket: { subject: "Hi", body: "Please look at my thing." } });
  const [task] = await api.waitingTasks(run.id);
  const answers = Array.from({ length: 20 }, (_, i) => `Answer number ${i}: the customer asks about an invoice.`);
  await api.get("/workflows");
  const responses = await Promise.all(answers.map((response) => api.resume(task!.id, { action: "respond", response })));
  const winner = splitOutcomes(responses);
  const done = await api.waitForRun(run.id, { until: ["completed"] });
  expect(done.output).toMatchObject({ answeredBy: "human", humanAnswer: answers[winner.i] });
  const audit = await api.all<AuditEvent>("/audit", { subjectId: task!.id });
  expect(audit.filter((e) => DECISION_EVENTS.includes(e.action))).toHaveLength(1);
});
