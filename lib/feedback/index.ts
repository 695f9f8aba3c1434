import "server-only";
import { and, asc, eq, gt, type SQL } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { feedback, type FeedbackRow } from "@/db/schema";
import type { Feedback } from "@/lib/contract";
import { boundedTwoFilesPatch } from "@/lib/diff/bounded";
import { newId } from "@/lib/ids";
import { keysetPage } from "@/lib/pagination";

export interface FieldChange {
  path: string;
  before: unknown;
  after: unknown;
}

/** Field-level changes between two JSON values (objects are walked, everything else compared). */
export function jsonChanges(before: unknown, after: unknown, path = ""): FieldChange[] {
  const isObj = (v: unknown): v is Record<string, unknown> => Boolean(v) && typeof v === "object" && !Array.isArray(v);
  if (isObj(before) && isObj(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => jsonChanges(before[k], after[k], path ? `${path}.${k}` : k));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path: path || "(root)", before, after }];
}

function pretty(value: unknown) {
  return typeof value === "string" ? value : JSON.stringify(value, null, 2);
}

/**
 * The diff saved with every edit: field changes plus a unified text diff per changed field. It runs
 * inside the decide transaction, so its cost is bounded (lib/diff/bounded).
 */
export function computeDiff(original: unknown, edited: unknown) {
  const changes = jsonChanges(original, edited);
  const unified = changes
    .map((c) => boundedTwoFilesPatch(`original/${c.path}`, `edited/${c.path}`, pretty(c.before ?? "") + "\n", pretty(c.after ?? "") + "\n"))
    .join("\n");
  return { changes, unified };
}

export async function recordFeedback(
  db: DbOrTx,
  params: { teamId: string; taskId: string; runId: string | null; workflow: string | null; original: unknown; edited: unknown },
) {
  await db
    .insert(feedback)
    .values({
      id: newId("fb"),
      teamId: params.teamId,
      taskId: params.taskId,
      runId: params.runId,
      workflow: params.workflow,
      original: params.original as object,
      edited: params.edited as object,
      diff: computeDiff(params.original, params.edited),
    })
    .onConflictDoNothing({ target: feedback.taskId });
}

export function toFeedbackDto(row: FeedbackRow): Feedback {
  return {
    id: row.id,
    taskId: row.taskId,
    runId: row.runId,
    workflow: row.workflow,
    original: row.original,
    edited: row.edited,
    diff: row.diff,
    at: row.createdAt.toISOString(),
  };
}

/** Oldest first, so a JSONL export reads as a training set in the order edits happened. */
/** `visible`: lib/access/visibility's feedbackFilter(), hiding edits of queues the caller may not see. */
export async function listFeedback(
  params: { teamId: string; workflow?: string; cursor?: string; limit: number; visible?: SQL },
  db: DbOrTx = getDb(),
) {
  const rows = await db
    .select()
    .from(feedback)
    .where(
      and(
        eq(feedback.teamId, params.teamId),
        params.workflow ? eq(feedback.workflow, params.workflow) : undefined,
        params.cursor ? gt(feedback.id, params.cursor) : undefined,
        params.visible,
      ),
    )
    .orderBy(asc(feedback.id))
    .limit(params.limit + 1);
  return keysetPage(rows, params.limit, toFeedbackDto);
}
