import { applyPatch } from "fast-json-patch";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import type { Principal } from "@/lib/access/principal";
import { auditEvents } from "@/db/schema";
import { startWorker, type WorkerHandle } from "@/lib/engine/worker";
import { feedbackExportStream } from "@/lib/feedback/export";
import { fewShotExamples, listFeedback, setExampleStatus } from "@/lib/feedback";
import { createTestTeam, type TestTeam } from "../helpers";
import { runDriver } from "../support/runs";

/** The feedback sink through the real engine: content-draft edits → feedback → curated few-shot examples → exports. */
let team: TestTeam;
let worker: WorkerHandle;
const driver = runDriver(() => team);
const reviewer = { type: "user" as const, id: "usr_reviewer" };
const curator = (teamId: string): Principal => ({ kind: "user", teamId, actor: reviewer, role: "reviewer", queues: null });

beforeAll(async () => {
  team = await createTestTeam();
  worker = await startWorker({ concurrency: 2 });
});
afterAll(async () => {
  await worker?.stop();
});

/** One content-draft run whose draft a human rewrites into `markdown`. */
async function editedDraft(topic: string, markdown: string, comment?: string) {
  const run = await driver.start("content-draft", { topic });
  expect(run.status).toBe("waiting");
  const [task] = await driver.pending(run.id);
  const original = task!.payload as { topic: string; markdown: string };
  await driver.decide(task!.id, { action: "edit", payload: { ...original, markdown }, comment });
  const done = await driver.settle(run.id, ["completed", "failed"]);
  return { run: done, task: task!, original };
}

async function readLines(stream: ReadableStream<Uint8Array>) {
  const text = await new Response(stream).text();
  expect(text.endsWith("\n")).toBe(true);
  return text
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as unknown);
}

describe("feedback sink", () => {
  it("an edited content-draft gives a feedback record with a JSON Patch, a unified diff, the editor and the comment", async () => {
    const edited = "# Human-in-the-loop agents\n\nWritten by an editor: short and concrete.\n";
    const { run, task, original } = await editedDraft("Human-in-the-loop agents", edited, "Too much buzz");
    expect(run.output).toEqual({ final: edited, edited: true, fewShotExamples: 0 });

    const { items } = await listFeedback({ teamId: team.team.id, workflow: "content-draft", limit: 10 });
    expect(items).toHaveLength(1);
    const item = items[0]!;
    expect(item).toMatchObject({
      taskId: task.id,
      runId: run.id,
      original,
      edited: { ...original, markdown: edited },
      editor: { type: "api_key", id: team.deciderKeyId }, // the reviewer tool's key decided (separation of duties)
      comment: "Too much buzz",
      exampleStatus: "candidate",
    });
    // RFC 6902: exactly one replace of /markdown, and applying it to the original gives the edit.
    expect(item.patch).toEqual([{ op: "replace", path: "/markdown", value: edited }]);
    expect(applyPatch(structuredClone(original), item.patch as never).newDocument).toEqual(item.edited);
    // A unified diff of the text: the removed draft lines and the added ones.
    expect(item.textDiff).toContain("--- original/markdown");
    expect(item.textDiff).toContain("+++ edited/markdown");
    expect(item.textDiff).toContain("+Written by an editor: short and concrete.");
    for (const line of original.markdown.split("\n").filter((l) => l && l !== "# Human-in-the-loop agents")) {
      expect(item.textDiff).toContain(`-${line}`);
    }
  });

  it("a promoted example is used by the next run ahead of later edits; a retired one never is; both audited", async () => {
    const teamId = team.team.id;
    // Four more edits: with the first test's, five, oldest first. The next draft takes 3 examples.
    for (const n of [1, 2, 3, 4]) await editedDraft(`Topic ${n}`, `# Example ${n}\n\nEdited text ${n}.\n`);
    const all = (await listFeedback({ teamId, workflow: "content-draft", limit: 10 })).items;
    expect(all).toHaveLength(5);
    const oldest = all[0]!;
    const latest = all[4]!;

    // Not curated: the latest three edits, latest first.
    expect((await fewShotExamples({ teamId, workflow: "content-draft", limit: 3 })).map((e) => e.id)).toEqual(
      [all[4], all[3], all[2]].map((f) => f!.id),
    );

    await setExampleStatus({ principal: curator(teamId), feedbackId: oldest.id, status: "promoted" });
    await setExampleStatus({ principal: curator(teamId), feedbackId: latest.id, status: "retired" });
    const picked = await fewShotExamples({ teamId, workflow: "content-draft", limit: 3 });
    expect(picked.map((e) => [e.id, e.promoted])).toEqual([
      [oldest.id, true],
      [all[3]!.id, false],
      [all[2]!.id, false],
    ]);
    expect((await fewShotExamples({ teamId, workflow: "content-draft", limit: 3, promotedOnly: true })).map((e) => e.id)).toEqual([
      oldest.id,
    ]);

    // The next run drafts with them: the promoted (oldest) example's title reaches the prompt, the retired one's does not.
    const next = await driver.start("content-draft", { topic: "Review queues" });
    const [task] = await driver.pending(next.id);
    const markdown = (task!.payload as { markdown: string }).markdown;
    expect(markdown).toContain("Human-in-the-loop agents");
    expect(markdown).toContain("Example 3");
    expect(markdown).not.toContain("Example 4");
    expect(task!.description).toContain("3 edited example(s)");
    await driver.decide(task!.id, { action: "approve" });
    expect((await driver.settle(next.id, ["completed"])).output).toMatchObject({ edited: false, fewShotExamples: 3 });

    const audit = await getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.teamId, teamId), eq(auditEvents.subjectType, "feedback")));
    expect(audit.map((e) => [e.action, e.subjectId, e.actorId]).sort()).toEqual(
      [
        ["feedback.promoted", oldest.id, reviewer.id],
        ["feedback.retired", latest.id, reviewer.id],
      ].sort(),
    );
    // Promoting again changes nothing and writes no second event.
    await setExampleStatus({ principal: curator(teamId), feedbackId: oldest.id, status: "promoted" });
    expect((await getDb().select().from(auditEvents).where(eq(auditEvents.subjectId, oldest.id))).length).toBe(1);
    // Another team's feedback id is not found.
    const other = await createTestTeam();
    await expect(setExampleStatus({ principal: curator(other.team.id), feedbackId: oldest.id, status: "retired" })).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("exports parse line by line: OpenAI chat fine-tuning format, prompt/completion pairs, and the contract's JSONL", async () => {
    const teamId = team.team.id;
    const edits = (await listFeedback({ teamId, workflow: "content-draft", limit: 50 })).items;
    expect(edits.length).toBeGreaterThanOrEqual(5);

    const chat = (await readLines(feedbackExportStream({ teamId, format: "openai", workflow: "content-draft" }))) as Array<{
      messages: Array<{ role: string; content: string }>;
    }>;
    expect(chat).toHaveLength(edits.length);
    chat.forEach((line, i) => {
      expect(Object.keys(line)).toEqual(["messages"]);
      expect(line.messages.map((m) => m.role)).toEqual(["system", "user", "assistant"]);
      for (const m of line.messages) expect(typeof m.content === "string" && m.content.length > 0).toBe(true);
      expect(JSON.parse(line.messages[2]!.content)).toEqual(edits[i]!.edited); // the human's version is the target
      expect(line.messages[1]!.content).toContain(`"topic":"${(edits[i]!.original as { topic: string }).topic}"`); // the run's input
    });

    const pairs = (await readLines(feedbackExportStream({ teamId, format: "pairs", workflow: "content-draft" }))) as Array<{
      prompt: string;
      completion: string;
    }>;
    expect(pairs).toHaveLength(edits.length);
    pairs.forEach((p, i) => {
      expect(Object.keys(p).sort()).toEqual(["completion", "prompt"]);
      expect(JSON.parse(p.completion)).toEqual(edits[i]!.edited);
    });

    const promoted = await readLines(feedbackExportStream({ teamId, format: "jsonl", exampleStatus: "promoted" }));
    expect(promoted).toHaveLength(1);
    expect(Object.keys(promoted[0] as object).sort()).toEqual(["at", "diff", "edited", "original", "taskId", "workflow"]);
  });

  it("the export stream reads the database only as fast as it is consumed (pull, one page ahead)", async () => {
    const teamId = team.team.id;
    const total = (await listFeedback({ teamId, limit: 200 })).items.length;
    expect(total).toBeGreaterThanOrEqual(5);
    let queries = 0;
    let answered = 0;
    // Count the pages the stream reads through a proxy of the db handle: the queries started
    // (each page is one db.select(...).from(...) chain) and the ones the database has answered.
    const counting = new Proxy(getDb(), {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (prop !== "select" || typeof value !== "function") return value;
        queries += 1;
        return (...args: unknown[]) => {
          const builder = value.apply(target, args) as { from: (...a: unknown[]) => PromiseLike<unknown> };
          const from = builder.from.bind(builder);
          builder.from = (...a: unknown[]) => {
            const query = from(...a) as { then: PromiseLike<unknown>["then"] };
            const then = query.then.bind(query);
            // .where/.orderBy/.limit return the same query object, so this is the then the stream awaits.
            query.then = (ok, ko) => then((rows) => ((answered += 1), ok ? ok(rows) : rows) as never, ko);
            return query as PromiseLike<unknown>;
          };
          return builder;
        };
      },
    });
    const stream = feedbackExportStream({ teamId, format: "pairs", pageSize: 2 }, counting);
    // Nobody reads: once the first page is answered and queued, the stream must not ask for the
    // next (a read-ahead would start it in the same microtask turn as the first page's answer).
    for (let waited = 0; answered < 1; waited += 20) {
      if (waited > 10_000) throw new Error("the export stream never read its first page");
      await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise((r) => setImmediate(r));
    expect(queries).toBe(1); // nobody reads: one page queued, no more
    const reader = stream.getReader();
    let lines = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      lines += new TextDecoder().decode(value).split("\n").filter(Boolean).length;
    }
    expect(lines).toBe(total);
    expect(queries).toBe(Math.floor(total / 2) + 1); // one read per page (the last one finds less than a page)
  });
});
