import { readFileSync } from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, effects, feedback, mailMessages, tasks } from "@/db/schema";
import { startWorker, type WorkerHandle } from "@/lib/engine/worker";
import { registerWorkflow, declaredRunSummary } from "@/lib/workflows";
import { calendarWorkflow } from "@/examples/calendar-workflow";
import { customerReply } from "@/examples/customer-reply";
import { createTestTeam, ROOT, type TestTeam } from "../helpers";
import { runDriver } from "../support/runs";

// The README's "Add your own agent" examples, compiled and run offline through the real engine:
// each is one file, registered with one line, with no other edit anywhere.
registerWorkflow(customerReply);
registerWorkflow(calendarWorkflow);

let team: TestTeam;
let worker: WorkerHandle;
const driver = runDriver(() => team);
beforeAll(async () => {
  expect(process.env.OPENAI_API_KEY ?? "").toBe(""); // offline: the workflow's own replies answer
  team = await createTestTeam();
  worker = await startWorker({ concurrency: 2 });
});
afterAll(async () => {
  await worker?.stop();
});

const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
const source = (file: string) => readFileSync(path.join(ROOT, file), "utf8");

/** The first ```ts block after a heading. */
function codeAfter(heading: string) {
  const section = readme.slice(readme.indexOf(heading));
  return /```ts\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
}

describe("README: Add your own agent", () => {
  it("shows examples/customer-reply.ts verbatim, in at most 25 lines", () => {
    const code = codeAfter("## Add your own agent");
    expect(code).toBe(source("examples/customer-reply.ts"));
    expect(code.trimEnd().split("\n").length).toBeLessThanOrEqual(25);
  });

  it("shows the registration of an existing createAgent agent verbatim", () => {
    expect(codeAfter("### An agent you already have")).toBe(source("examples/calendar-workflow.ts"));
  });
});

describe("examples/customer-reply.ts through the engine", () => {
  const input = { email: "pat@example.com", question: "exports to CSV" };

  async function waiting() {
    const run = await driver.start("customer-reply", input);
    expect(run.status).toBe("waiting");
    const [task] = await driver.pending(run.id);
    return { run, task: task! };
  }

  it("declares its own summary and drafts with its own offline reply", async () => {
    expect(declaredRunSummary("customer-reply", input)).toBe("Question from pat@example.com");
    const { task } = await waiting();
    expect(task).toMatchObject({
      kind: "approval",
      queue: "support",
      title: "Reply to pat@example.com",
      payload: { to: "pat@example.com", body: "Thanks for asking about exports to CSV." },
      allowed: ["approve", "edit", "reject"],
    });
  });

  it("waits on a typed gate: the JSON Schema is derived from zod, the deadline from dueIn", async () => {
    const { task } = await waiting();
    expect(task.schema).toMatchObject({
      type: "object",
      required: ["to", "body"],
      properties: { to: { type: "string", format: "email" }, body: { type: "string", minLength: 1, maxLength: 5000 } },
    });
    expect(task.schema).not.toHaveProperty("$schema");
    const hours = (task.dueAt!.getTime() - task.createdAt.getTime()) / 3_600_000;
    expect(hours).toBeGreaterThan(3.99);
    expect(hours).toBeLessThan(4.01);
  });

  it("refuses an edit failing the zod schema before recording anything (422 naming the path)", async () => {
    const { task } = await waiting();
    await expect(driver.decide(task.id, { action: "edit", payload: { to: "not-an-email", body: "" } })).rejects.toMatchObject({
      code: "unprocessable",
      details: {
        failures: expect.arrayContaining([
          expect.objectContaining({ path: "payload.to" }),
          expect.objectContaining({ path: "payload.body" }),
        ]),
      },
    });
    const [row] = await getDb().select().from(tasks).where(eq(tasks.id, task.id));
    expect(row).toMatchObject({ status: "pending", decision: null });
    expect(await getDb().select().from(feedback).where(eq(feedback.taskId, task.id))).toHaveLength(0);
    expect(await getDb().select().from(auditEvents).where(eq(auditEvents.subjectId, task.id))).toHaveLength(0);
  });

  it("edit: the node gets the edit parsed by the schema (trimmed), and the email goes out once through once()", async () => {
    const { run, task } = await waiting();
    await driver.decide(task.id, { action: "edit", payload: { to: "pat@example.com", body: "  Use Settings → Export.  " } });
    const done = await driver.next(run.id, [task.id]);
    expect(done).toMatchObject({ status: "completed", output: { sent: true, body: "Use Settings → Export." } });
    const key = `customer-reply:${run.id}`;
    const [effect] = await getDb()
      .select()
      .from(effects)
      .where(and(eq(effects.teamId, team.team.id), eq(effects.key, key)));
    expect(effect).toMatchObject({ runId: run.id, result: { to: "pat@example.com" } });
    const mail = await getDb().select().from(mailMessages).where(eq(mailMessages.dedupeKey, key));
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ id: (effect!.result as { messageId: string }).messageId, text: "Use Settings → Export." });
  });

  it("reject: nothing is sent", async () => {
    const { run, task } = await waiting();
    await driver.decide(task.id, { action: "reject", comment: "wrong product" });
    const done = await driver.next(run.id, [task.id]);
    expect(done.output).toEqual({ sent: false, reason: "wrong product" });
    expect(
      await getDb()
        .select()
        .from(mailMessages)
        .where(eq(mailMessages.dedupeKey, `customer-reply:${run.id}`)),
    ).toHaveLength(0);
  });
});

describe("examples/calendar-workflow.ts: an existing createAgent agent, unchanged", () => {
  it("pauses on its tool call and books with the reviewer's edited slot", async () => {
    const run = await driver.start("calendar-agent", { attendee: "kim@example.com" });
    const [task] = await driver.pending(run.id);
    expect(task).toMatchObject({
      queue: "ops",
      payload: { attendee: "kim@example.com", start: "2026-06-01T10:00:00Z", minutes: 30 },
      schema: { "x-acl-view": "tool-call", "x-acl-tool": "book_meeting" },
    });
    await driver.decide(task!.id, { action: "edit", payload: { attendee: "kim@example.com", start: "2026-06-01T14:00:00Z", minutes: 45 } });
    const done = await driver.next(run.id, [task!.id]);
    expect(done.status).toBe("completed");
    expect((done.output as { reply: string }).reply).toBe("Booked 45 min with kim@example.com at 2026-06-01T14:00:00Z.");
  });
});
