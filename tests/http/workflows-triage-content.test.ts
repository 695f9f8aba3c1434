import { describe, expect, it } from "vitest";
import { expectError, expectStatus, type Api, type Run } from "./api";
import { newTeam, serverForFile, sql } from "./fixtures";

/** support-triage and content-draft (with the feedback sink), over HTTP with an API key. */
const ctx = serverForFile();

const CLEAR_TICKET = {
  subject: "Refund for invoice 1042",
  body: "I was charged twice for my last invoice, please refund the duplicate payment.",
};
/** The few-shot examples a content-draft run drafted with: its `examples` channel in the checkpointer. */
async function examplesOf(runId: string): Promise<string[]> {
  const rows = await sql<{ type: string; value: string }>(
    `select type, convert_from(blob, 'UTF8') as value from langgraph.checkpoint_blobs where thread_id = $1 and channel = 'examples'`,
    [runId],
  );
  expect(rows.map((r) => r.type)).toEqual(["json"]);
  return JSON.parse(rows[0]!.value) as string[];
}

const VAGUE_TICKET = { subject: "Hello", body: "Something is not right with my stuff, can you have a look?" };

async function triage(api: Api, input: Record<string, unknown>): Promise<Run> {
  const run = await api.startRun("support-triage", input);
  return api.waitForRun(run.id);
}

describe("support-triage", () => {
  it("a clear ticket is answered by the agent, with no task", async () => {
    const { api } = await newTeam(ctx.server);
    const run = await triage(api, { ticket: CLEAR_TICKET });
    expect(run.status).toBe("completed");
    expect(run.output).toMatchObject({ category: "billing", answeredBy: "agent", reply: expect.any(String) });
    expect(run.output.humanAnswer).toBeUndefined();
    expect(await api.tasks({ runId: run.id })).toEqual([]);
  });

  it("a vague ticket asks a clarification in `support`; the human's answer is used", async () => {
    const { api } = await newTeam(ctx.server);
    const run = await triage(api, { ticket: VAGUE_TICKET });
    expect(run.status).toBe("waiting");
    const tasks = await api.tasks({ runId: run.id });
    expect(tasks).toHaveLength(1);
    const task = tasks[0]!;
    expect(task).toMatchObject({ kind: "clarification", queue: "support", status: "pending", question: expect.any(String) });
    expect(task.question!.length).toBeGreaterThan(10);
    expect([...task.allowed].sort()).toEqual(["reject", "respond"]);
    expect(task.confidence).toBeGreaterThanOrEqual(0);
    expect(task.confidence).toBeLessThan(0.7);

    // Wrong actions and empty answers are refused; the task stays pending.
    expectError(await api.resume(task.id, { action: "respond" }), 400, "invalid_request", "response");
    expectError(await api.resume(task.id, { action: "respond", response: "   " }), 400, "invalid_request", "response");
    expectError(await api.resume(task.id, { action: "approve" }), 422, "unprocessable", "approve");
    expectError(await api.resume(task.id, { action: "edit", payload: {} }), 422, "unprocessable");
    expect((await api.get(`/tasks/${task.id}`)).body.status).toBe("pending");

    const answer = "The customer wants a refund for the invoice we sent last week.";
    const res = await api.decide(task.id, { action: "respond", response: answer });
    expect(res.task.decision).toMatchObject({ action: "respond", response: answer });
    const done = await api.waitForRun(run.id, { until: ["completed"] });
    expect(done.output).toMatchObject({ answeredBy: "human", humanAnswer: answer, reply: expect.any(String) });
    // The answer went into the agent's context: it now recognises a billing question.
    expect(done.output.category).toBe("billing");
  });

  it("rejecting the clarification still finishes the run", async () => {
    const { api } = await newTeam(ctx.server);
    const run = await triage(api, { ticket: VAGUE_TICKET });
    const [task] = await api.tasks({ runId: run.id });
    await api.decide(task!.id, { action: "reject", comment: "Spam" });
    const done = await api.waitForRun(run.id, { until: ["completed"] });
    expect(done.output).toMatchObject({ reply: expect.any(String) });
    expect(done.output.answeredBy).not.toBe("human");
  });

  it("confidenceThreshold 0 never asks", async () => {
    const { api } = await newTeam(ctx.server);
    const run = await triage(api, { ticket: VAGUE_TICKET, confidenceThreshold: 0 });
    expect(run.status).toBe("completed");
    expect(run.output).toMatchObject({ answeredBy: "agent" });
    expect(await api.tasks({ runId: run.id })).toEqual([]);
  });
});

describe("content-draft", () => {
  it("review in `content`; an edit is the final text, is stored as feedback, and guides later drafts", async () => {
    const { api } = await newTeam(ctx.server);
    const first = await api.startRun("content-draft", { topic: "Human-in-the-loop agents" });
    const [task] = await api.waitingTasks(first.id);
    expect(task).toMatchObject({ kind: "review", queue: "content", status: "pending" });
    expect([...task!.allowed].sort()).toEqual(["approve", "edit", "reject"]);
    expect(task!.payload).toMatchObject({ topic: "Human-in-the-loop agents", markdown: expect.stringContaining("#") });
    const original = task!.payload;

    // Before any edit the team has no feedback.
    const empty = await api.get("/feedback");
    expectStatus(empty, 200);
    expect(empty.body).toEqual({ items: [], nextCursor: null });

    const editedMarkdown = "# Human-in-the-loop agents\n\nWritten by an editor: short, concrete, no buzzwords.\n";
    await api.decide(task!.id, { action: "edit", payload: { ...original, markdown: editedMarkdown }, comment: "Cut the buzzwords" });
    const done = await api.waitForRun(first.id, { until: ["completed"] });
    expect(done.output).toEqual({ final: editedMarkdown, edited: true, fewShotExamples: 0 });

    const feedback = await api.get("/feedback?workflow=content-draft");
    expectStatus(feedback, 200);
    expect(feedback.body.items).toHaveLength(1);
    const item = feedback.body.items[0];
    expect(item).toMatchObject({
      taskId: task!.id,
      workflow: "content-draft",
      original,
      edited: { ...original, markdown: editedMarkdown },
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/),
    });
    // The diff names the one changed field with its before and after, and a unified text diff of it.
    expect(item.diff.changes).toEqual([{ path: "markdown", before: original.markdown, after: editedMarkdown }]);
    expect(item.diff.unified).toContain("--- original/markdown");
    expect(item.diff.unified).toContain("+++ edited/markdown");
    expect(item.diff.unified).toContain("+Written by an editor: short, concrete, no buzzwords.");
    for (const line of (original.markdown as string).split("\n").filter((l: string) => l && l !== "# Human-in-the-loop agents")) {
      expect(item.diff.unified).toContain(`-${line}`);
    }
    // The full record: an RFC 6902 patch, a unified diff of the text, who edited and why.
    expect(item).toMatchObject({
      patch: [{ op: "replace", path: "/markdown", value: editedMarkdown }],
      textDiff: expect.stringContaining("+Written by an editor: short, concrete, no buzzwords."),
      editor: { type: "api_key", id: expect.any(String) },
      comment: "Cut the buzzwords",
      exampleStatus: "candidate",
    });
    expect(item.textDiff).toContain("--- original/markdown");

    // Training-data exports, parsed line by line: OpenAI chat fine-tuning format and plain pairs.
    const chat = await api.get("/feedback/export?format=openai&workflow=content-draft");
    expectStatus(chat, 200);
    const chatLines = chat.text
      .split("\n")
      .filter((l) => l !== "")
      .map((l) => JSON.parse(l));
    expect(chatLines).toHaveLength(1);
    expect(chatLines[0].messages.map((m: { role: string }) => m.role)).toEqual(["system", "user", "assistant"]);
    expect(JSON.parse(chatLines[0].messages[2].content)).toEqual(item.edited);
    const pairs = (await api.get("/feedback/export?format=pairs")).text
      .split("\n")
      .filter((l) => l !== "")
      .map((l) => JSON.parse(l));
    expect(pairs).toEqual([{ prompt: expect.stringContaining("Human-in-the-loop agents"), completion: JSON.stringify(item.edited) }]);

    const jsonl = await api.get("/feedback?format=jsonl");
    expectStatus(jsonl, 200);
    expect(jsonl.headers.get("content-type")).toMatch(/ndjson|jsonl/);
    const lines = jsonl.text.split("\n").filter((l) => l.trim() !== "");
    expect(lines).toHaveLength(1);
    const parsed = lines.map((l) => JSON.parse(l));
    expect(parsed[0]).toMatchObject({ taskId: task!.id, workflow: "content-draft", original, edited: item.edited, at: item.at });
    expect(Object.keys(parsed[0]).sort()).toEqual(["at", "diff", "edited", "original", "taskId", "workflow"]);

    // A later draft uses the edit as a few-shot example: exactly one, the edited text itself.
    const second = await api.startRun("content-draft", { topic: "Review queues" });
    const [task2] = await api.waitingTasks(second.id);
    expect(task2!.description).toBe("Written with 1 edited example(s) as guidance.");
    expect(task2!.payload.markdown).toContain("_Style follows 1 reviewed example(s): ");
    expect(await examplesOf(second.id)).toEqual([editedMarkdown]);
    await api.decide(task2!.id, { action: "approve" });
    const done2 = await api.waitForRun(second.id, { until: ["completed"] });
    expect(done2).toMatchObject({ output: { final: task2!.payload.markdown, edited: false, fewShotExamples: 1 } });

    // An approval is not an edit: still one feedback item, one JSONL line.
    const lines2 = (await api.get("/feedback?format=jsonl")).text.split("\n").filter((l) => l.trim() !== "");
    expect(lines2).toHaveLength(1);
  });

  it("few-shot examples are the team's latest 3 edits, newest first, and never another team's", async () => {
    const { api } = await newTeam(ctx.server);
    const other = await newTeam(ctx.server);
    const edits: string[] = [];
    for (let i = 0; i < 4; i++) {
      const run = await api.startRun("content-draft", { topic: `Topic ${i}` });
      const [task] = await api.waitingTasks(run.id);
      const markdown = `# Topic ${i}\n\nEdited text number ${i}.\n`;
      edits.push(markdown);
      await api.decide(task!.id, { action: "edit", payload: { ...task!.payload, markdown } });
      expect((await api.waitForRun(run.id, { until: ["completed"] })).output).toEqual({
        final: markdown,
        edited: true,
        fewShotExamples: Math.min(i, 3),
      });
    }
    const run = await api.startRun("content-draft", { topic: "Capped" });
    const [task] = await api.waitingTasks(run.id);
    expect(task!.payload.markdown).toContain("_Style follows 3 reviewed example(s): ");
    expect(await examplesOf(run.id)).toEqual([edits[3], edits[2], edits[1]]);
    await api.decide(task!.id, { action: "approve" });
    expect((await api.waitForRun(run.id, { until: ["completed"] })).output.fewShotExamples).toBe(3);

    // Another team's drafts see none of these edits.
    const theirs = await other.api.startRun("content-draft", { topic: "Capped" });
    const [theirTask] = await other.api.waitingTasks(theirs.id);
    expect(theirTask!.description).toBeNull();
    expect(theirTask!.payload.markdown).not.toContain("Style follows");
    expect(await examplesOf(theirs.id)).toEqual([]);
  });

  it("reject: no final text", async () => {
    const { api } = await newTeam(ctx.server);
    const run = await api.startRun("content-draft", { topic: "Rejected topic" });
    const [task] = await api.waitingTasks(run.id);
    await api.decide(task!.id, { action: "reject", comment: "Off-brand" });
    const done = await api.waitForRun(run.id, { until: ["completed"] });
    expect(done.output).toMatchObject({ final: null, edited: false });
  });
});
