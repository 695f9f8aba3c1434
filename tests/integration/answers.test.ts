import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { getDb } from "@/db/client";
import { auditEvents, savedAnswers, tasks } from "@/db/schema";
import type { Principal } from "@/lib/access/principal";
import { questionKey, setAutoApply, suggestAnswers } from "@/lib/answers";
import { startWorker, type WorkerHandle } from "@/lib/engine/worker";
import { askHuman } from "@/lib/hitl";
import { answerQuestionGroup, listQuestionGroups } from "@/lib/tasks/question-groups";
import { addMember } from "@/lib/teams";
import { createTestTeam, TEST_ACTOR, uniqueEmail, type TestTeam } from "../helpers";
import { runDriver } from "../support/runs";
import { registerOneNodeWorkflow } from "../support/workflows";

// A workflow that asks whatever question its input names, below any threshold, and returns the answer.
function asking(id: string) {
  registerOneNodeWorkflow({
    id,
    inputSchema: z.object({ question: z.string() }),
    node: (input) => {
      const result = askHuman({ queue: "support", question: input.question, confidence: 0.1 });
      return result.answeredBy === "human" ? { answer: result.answer } : { answeredBy: result.answeredBy };
    },
  });
}
asking("test-answers");
asking("test-answers-other");

const SPELLINGS = [
  "Is this customer on the Pro plan?",
  "is this customer on the pro plan",
  "  IS this   customer on the Pro plan ??",
  "Is this customer\non the PRO plan?!",
  "Ｉｓ this customer on the Pro plan？",
];
const KEY = questionKey(SPELLINGS[0])!;

let team: TestTeam;
let worker: WorkerHandle;
let owner: Principal;
const driver = runDriver(() => team);
beforeAll(async () => {
  team = await createTestTeam();
  owner = { kind: "user", teamId: team.team.id, actor: { type: "user", id: team.owner.id }, role: "owner", queues: null };
  worker = await startWorker({ concurrency: 2 });
});
afterAll(async () => {
  await worker?.stop();
});

async function member(role: "reviewer" | "admin", queues: string[] | null): Promise<Principal> {
  const { user } = await getDb().transaction((tx) =>
    addMember({ teamId: team.team.id, email: uniqueEmail(role), role, queues: queues ?? undefined, actor: TEST_ACTOR }, tx),
  );
  return { kind: "user", teamId: team.team.id, actor: { type: "user", id: user.id }, role, queues };
}

const audits = (taskIds: string[], action: string) =>
  getDb()
    .select()
    .from(auditEvents)
    .where(and(inArray(auditEvents.subjectId, taskIds), eq(auditEvents.action, action)));

describe("answering a group of clarification questions once", () => {
  it("one answer resumes five waiting runs asking the same question, each decision audited", async () => {
    const runs = [];
    for (const question of SPELLINGS) runs.push(await driver.start("test-answers", { question }));
    const taskIds = [];
    for (const run of runs) {
      expect(run.status).toBe("waiting");
      const [task] = await driver.pending(run.id);
      expect(task!.questionKey).toBe(KEY);
      taskIds.push(task!.id);
    }

    const groups = await listQuestionGroups(driver.principal(), { workflow: "test-answers" });
    expect(groups).toEqual([expect.objectContaining({ questionKey: KEY, pending: 5, question: SPELLINGS[0], queues: ["support"] })]);

    // A reviewer who may not see the `support` queue finds no such group and changes nothing.
    const hidden = await member("reviewer", ["billing"]);
    await expect(
      answerQuestionGroup(hidden, { workflow: "test-answers", questionKey: KEY, response: "Yes, Pro since May" }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(await listQuestionGroups(hidden)).toEqual([]);
    const stillPending = await getDb().select().from(tasks).where(inArray(tasks.id, taskIds));
    expect(stillPending.every((t) => t.status === "pending")).toBe(true);

    const result = await answerQuestionGroup(driver.principal(), {
      workflow: "test-answers",
      questionKey: KEY,
      response: "  Yes, Pro since May ",
    });
    expect(result).toEqual({ answered: 5, skipped: [], skippedCount: 0, remaining: false });

    for (const run of runs) {
      const done = await driver.settle(run.id, ["completed", "failed"]);
      expect(done.status).toBe("completed");
      expect(done.output).toEqual({ answer: "Yes, Pro since May" });
    }
    const events = await audits(taskIds, "task.responded");
    expect(events).toHaveLength(5);
    expect(new Set(events.map((e) => e.subjectId))).toEqual(new Set(taskIds));
    expect(events.every((e) => e.actorType === "api_key" && e.actorId === team.deciderKeyId)).toBe(true);

    // The answer is kept once, used five times.
    const saved = await getDb().select().from(savedAnswers).where(eq(savedAnswers.teamId, team.team.id));
    expect(saved).toEqual([
      expect.objectContaining({ workflow: "test-answers", questionKey: KEY, response: "Yes, Pro since May", uses: 5, auto: false }),
    ]);
  });

  it("rejects a malformed group answer with a clear error", async () => {
    await expect(answerQuestionGroup(driver.principal(), { workflow: "test-answers", questionKey: KEY, response: "   " })).rejects.toThrow(
      /non-empty answer/,
    );
    await expect(answerQuestionGroup(driver.principal(), { workflow: "test-answers", questionKey: "x", response: "y" })).rejects.toThrow(
      /32 hex/,
    );
  });
});

describe("past answers", () => {
  it("are suggested when the same question comes again in the same workflow, not in another", async () => {
    const run = await driver.start("test-answers", { question: "is THIS customer on the pro plan..." });
    const [task] = await driver.pending(run.id);
    const suggestions = await suggestAnswers(driver.principal(), { workflow: "test-answers", questionKey: task!.questionKey! });
    expect(suggestions.map((s) => s.response)).toEqual(["Yes, Pro since May"]);
    expect(await suggestAnswers(driver.principal(), { workflow: "test-answers-other", questionKey: KEY })).toEqual([]);
    // A reviewer who cannot see the queue the answer was given in is not shown it.
    expect(await suggestAnswers(await member("reviewer", ["billing"]), { workflow: "test-answers", questionKey: KEY })).toEqual([]);

    // Answering a single task by hand keeps that answer too.
    await driver.decide(task!.id, { action: "respond", response: "No, Basic" });
    expect((await driver.settle(run.id, ["completed"])).output).toEqual({ answer: "No, Basic" });
    const again = await suggestAnswers(driver.principal(), { workflow: "test-answers", questionKey: KEY });
    expect(again.map((s) => [s.response, s.uses])).toEqual([
      ["Yes, Pro since May", 5],
      ["No, Basic", 1],
    ]);
  });

  it("marked 'apply automatically', answer new tasks of the group at once (audited as automatic) until turned off", async () => {
    const [answer] = await suggestAnswers(driver.principal(), { workflow: "test-answers", questionKey: KEY });
    // Reviewers may use answers but not automate them.
    await expect(setAutoApply(await member("reviewer", null), { answerId: answer!.id, auto: true })).rejects.toMatchObject({
      code: "forbidden",
    });
    const admin = await member("admin", null);
    expect(await setAutoApply(admin, { answerId: answer!.id, auto: true })).toMatchObject({ auto: true });
    const [enabled] = await getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, answer!.id), eq(auditEvents.action, "answer.auto_enabled")));
    expect(enabled).toMatchObject({ actorType: "user", actorId: admin.actor.id, data: expect.objectContaining({ after: { auto: true } }) });

    const run = await driver.start("test-answers", { question: "Is this customer on the pro plan ?" });
    const done = await driver.settle(run.id, ["completed", "failed"]);
    expect(done).toMatchObject({ status: "completed", output: { answer: "Yes, Pro since May" } });
    const runTasks = await getDb().select().from(tasks).where(eq(tasks.runId, run.id));
    expect(runTasks).toHaveLength(1);
    expect(runTasks[0]).toMatchObject({
      status: "decided",
      decision: expect.objectContaining({ action: "respond", actor: { type: "system", id: `answer:${answer!.id}` } }),
    });
    const [auto] = await audits([runTasks[0]!.id], "task.auto_answered");
    expect(auto).toMatchObject({
      actorType: "system",
      actorId: `answer:${answer!.id}`,
      data: expect.objectContaining({ automatic: true, answerId: answer!.id, runId: run.id }),
    });
    // The run never showed a human a pending task: its waiting event names no task.
    const waiting = await getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, run.id), eq(auditEvents.action, "run.waiting")));
    expect(waiting).toEqual([]);

    // Never across workflows: the same question elsewhere still waits for a human.
    const other = await driver.start("test-answers-other", { question: SPELLINGS[0]! });
    expect(other.status).toBe("waiting");
    expect(await driver.pending(other.id)).toHaveLength(1);

    // Turned off: the next run waits again.
    await setAutoApply(owner, { answerId: answer!.id, auto: false });
    const later = await driver.start("test-answers", { question: SPELLINGS[1]! });
    expect(later.status).toBe("waiting");
    expect(await driver.pending(later.id)).toHaveLength(1);
  });

  it("never applies another team's automatic answer", async () => {
    const otherTeam = await createTestTeam();
    const otherDriver = runDriver(() => otherTeam);
    const [answer] = await suggestAnswers(driver.principal(), { workflow: "test-answers", questionKey: KEY });
    await setAutoApply(owner, { answerId: answer!.id, auto: true });
    const run = await otherDriver.start("test-answers", { question: SPELLINGS[0]! });
    expect(run.status).toBe("waiting");
    await setAutoApply(owner, { answerId: answer!.id, auto: false });
    // Nor can another team's admin toggle it.
    const stranger: Principal = {
      kind: "user",
      teamId: otherTeam.team.id,
      actor: { type: "user", id: otherTeam.owner.id },
      role: "owner",
      queues: null,
    };
    await expect(setAutoApply(stranger, { answerId: answer!.id, auto: true })).rejects.toMatchObject({ code: "not_found" });
  });
});
