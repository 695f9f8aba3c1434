import "server-only";
import { and, asc, eq, gt, type SQL } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { feedback, runs, tasks } from "@/db/schema";
import {
  toFeedbackLine,
  type ExampleStatus,
  type FeedbackChatLine,
  type FeedbackExportFormat,
  type FeedbackPairLine,
} from "@/lib/contract";
import { toFeedbackDto } from "./index";

/**
 * The feedback sink as training data, one JSON object per line:
 * - `jsonl`: the contract's feedback line `{taskId, workflow, original, edited, diff, at}`;
 * - `openai`: OpenAI's chat fine-tuning format `{messages: [system, user, assistant]}`, where the
 *   assistant's answer is what the human made of the draft;
 * - `pairs`: plain `{prompt, completion}` pairs of the same text.
 * Streamed with backpressure: a page of rows is read only when the consumer pulled the last one.
 */

const PAGE = 100;

interface ExportRow {
  row: typeof feedback.$inferSelect;
  title: string | null;
  description: string | null;
  input: unknown;
}

const asText = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

function systemPrompt(workflow: string | null) {
  return workflow
    ? `You are the "${workflow}" agent. Produce exactly the output a human reviewer approves without changes.`
    : "You draft actions for a human reviewer. Produce exactly the output the reviewer approves without changes.";
}

/** What the agent was asked: the task's title and description, and the run's input (or, for a standalone task, the draft). */
function userPrompt(r: ExportRow) {
  const parts = [r.title ?? "Draft the output."];
  if (r.description) parts.push(r.description);
  parts.push(r.row.runId ? `Input:\n${JSON.stringify(r.input ?? null)}` : `Draft:\n${asText(r.row.original)}`);
  return parts.join("\n\n");
}

export function toChatLine(r: ExportRow): FeedbackChatLine {
  return {
    messages: [
      { role: "system", content: systemPrompt(r.row.workflow) },
      { role: "user", content: userPrompt(r) },
      { role: "assistant", content: asText(r.row.edited) },
    ],
  };
}

export function toPairLine(r: ExportRow): FeedbackPairLine {
  return { prompt: `${systemPrompt(r.row.workflow)}\n\n${userPrompt(r)}`, completion: asText(r.row.edited) };
}

async function exportPage(
  p: { teamId: string; workflow?: string; exampleStatus?: ExampleStatus; cursor?: string; pageSize: number; visible?: SQL },
  db: DbOrTx,
): Promise<ExportRow[]> {
  return db
    .select({ row: feedback, title: tasks.title, description: tasks.description, input: runs.input })
    .from(feedback)
    .leftJoin(tasks, eq(tasks.id, feedback.taskId))
    .leftJoin(runs, eq(runs.id, feedback.runId))
    .where(
      and(
        eq(feedback.teamId, p.teamId),
        p.visible,
        p.workflow ? eq(feedback.workflow, p.workflow) : undefined,
        p.exampleStatus ? eq(feedback.exampleStatus, p.exampleStatus) : undefined,
        p.cursor ? gt(feedback.id, p.cursor) : undefined,
      ),
    )
    .orderBy(asc(feedback.id))
    .limit(p.pageSize);
}

const LINE: Record<FeedbackExportFormat, (r: ExportRow) => unknown> = {
  jsonl: (r) => toFeedbackLine(toFeedbackDto(r.row)),
  openai: toChatLine,
  pairs: toPairLine,
};

/** Every matching edit, oldest first, one line each. Reads the next page only on pull(). */
export function feedbackExportStream(
  params: {
    teamId: string;
    format: FeedbackExportFormat;
    workflow?: string;
    exampleStatus?: ExampleStatus;
    cursor?: string;
    pageSize?: number;
    /** lib/access/visibility's feedbackFilter(): edits of hidden queues are never exported. */
    visible?: SQL;
  },
  db: DbOrTx = getDb(),
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const toLine = LINE[params.format];
  const pageSize = params.pageSize ?? PAGE;
  let cursor = params.cursor;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const rows = await exportPage({ ...params, cursor, pageSize }, db);
        if (rows.length > 0) controller.enqueue(encoder.encode(rows.map((r) => JSON.stringify(toLine(r)) + "\n").join("")));
        if (rows.length < pageSize) controller.close();
        else cursor = rows[rows.length - 1]!.row.id;
      },
    },
    // One page in the queue at most: the database is read as fast as the client reads, no faster.
    { highWaterMark: 1 },
  );
}
