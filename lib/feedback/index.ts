import "server-only";
import { and, asc, desc, eq, gt, type SQL } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import type { Principal } from "@/lib/access/principal";
import { queueVisibility } from "@/lib/access/visibility";
import { feedback, type FeedbackRow } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import type { Actor, ExampleStatus, Feedback } from "@/lib/contract";
import { notFound } from "@/lib/errors";
import type { FewShotExample } from "@/lib/hitl/examples";
import { newId } from "@/lib/ids";
import { keysetPage } from "@/lib/pagination";
import { computeDiff, jsonPatch, type JsonPatch } from "./diff";

export { computeDiff, jsonChanges, jsonPatch, type FieldChange, type JsonPatch } from "./diff";

/** Stores one human edit: both versions, what changed (fields, JSON Patch, unified diff), who and why. */
export async function recordFeedback(
  db: DbOrTx,
  params: {
    teamId: string;
    taskId: string;
    runId: string | null;
    workflow: string | null;
    original: unknown;
    edited: unknown;
    editor?: Actor | null;
    comment?: string | null;
  },
) {
  const diff = computeDiff(params.original, params.edited);
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
      diff,
      patch: jsonPatch(params.original, params.edited),
      textDiff: diff.unified,
      editorType: params.editor?.type ?? null,
      editorId: params.editor?.id ?? null,
      comment: params.comment?.trim() || null,
    })
    .onConflictDoNothing({ target: feedback.taskId });
}

export function toFeedbackDto(row: FeedbackRow): Feedback {
  // Rows stored before patches and text diffs were kept get them computed on read.
  const patch: JsonPatch = row.patch.length > 0 ? row.patch : jsonPatch(row.original, row.edited);
  const textDiff = row.textDiff || ((row.diff as { unified?: unknown } | null)?.unified as string | undefined) || "";
  return {
    id: row.id,
    taskId: row.taskId,
    runId: row.runId,
    workflow: row.workflow,
    original: row.original,
    edited: row.edited,
    diff: row.diff,
    patch,
    textDiff,
    editor: row.editorType && row.editorId ? ({ type: row.editorType, id: row.editorId } as Actor) : null,
    comment: row.comment,
    exampleStatus: row.exampleStatus,
    at: row.createdAt.toISOString(),
  };
}

/** `visible`: lib/access/visibility's feedbackFilter(), hiding edits of queues the caller may not see. */
const scope = (p: { teamId: string; workflow?: string; exampleStatus?: ExampleStatus; cursor?: string; visible?: SQL }) =>
  and(
    eq(feedback.teamId, p.teamId),
    p.visible,
    p.workflow ? eq(feedback.workflow, p.workflow) : undefined,
    p.exampleStatus ? eq(feedback.exampleStatus, p.exampleStatus) : undefined,
    p.cursor ? gt(feedback.id, p.cursor) : undefined,
  );

/** Oldest first, so a JSONL export reads as a training set in the order edits happened. */
export async function listFeedback(
  params: { teamId: string; workflow?: string; exampleStatus?: ExampleStatus; cursor?: string; limit: number; visible?: SQL },
  db: DbOrTx = getDb(),
) {
  const rows = await db
    .select()
    .from(feedback)
    .where(scope(params))
    .orderBy(asc(feedback.id))
    .limit(params.limit + 1);
  return keysetPage(rows, params.limit, toFeedbackDto);
}

/**
 * Promotes, retires or resets one edit as a few-shot example (a reviewer's curation of the
 * feedback sink), audited as `feedback.promoted` / `feedback.retired` / `feedback.reset`.
 * An edit of a queue the principal may not see is not found, as in every list and export.
 */
export async function setExampleStatus(
  params: { principal: Principal; feedbackId: string; status: ExampleStatus },
  db: DbOrTx = getDb(),
): Promise<Feedback> {
  const { principal } = params;
  return db.transaction(async (tx) => {
    const visible = (await queueVisibility(principal, tx)).feedbackFilter();
    const [row] = await tx
      .select()
      .from(feedback)
      .where(and(eq(feedback.id, params.feedbackId), eq(feedback.teamId, principal.teamId), visible))
      .for("update");
    if (!row) throw notFound("feedback", params.feedbackId);
    if (row.exampleStatus === params.status) return toFeedbackDto(row);
    const [updated] = await tx
      .update(feedback)
      .set({
        exampleStatus: params.status,
        exampleChangedAt: new Date(),
        exampleChangedBy: `${principal.actor.type}:${principal.actor.id}`,
      })
      .where(eq(feedback.id, row.id))
      .returning();
    await recordAudit(tx, {
      teamId: principal.teamId,
      actor: principal.actor,
      action: `feedback.${params.status === "candidate" ? "reset" : params.status}`,
      subjectType: "feedback",
      subjectId: row.id,
      data: {
        workflow: row.workflow,
        taskId: row.taskId,
        before: { exampleStatus: row.exampleStatus },
        after: { exampleStatus: params.status },
      },
    });
    return toFeedbackDto(updated!);
  });
}

export const MAX_FEW_SHOT_EXAMPLES = 20;

/**
 * The examples a workflow's next prompt gets: promoted edits first (latest first), then, unless
 * `promotedOnly`, edits nobody has reviewed yet fill the remaining places (latest first).
 * Retired edits never come back. At most `limit` (capped at MAX_FEW_SHOT_EXAMPLES).
 */
export async function fewShotExamples(
  params: { teamId: string; workflow: string; limit: number; promotedOnly?: boolean },
  db: DbOrTx = getDb(),
): Promise<FewShotExample[]> {
  const limit = Math.max(0, Math.min(Math.floor(params.limit), MAX_FEW_SHOT_EXAMPLES));
  if (limit === 0) return [];
  const pick = (status: ExampleStatus, n: number) =>
    db
      .select()
      .from(feedback)
      .where(and(eq(feedback.teamId, params.teamId), eq(feedback.workflow, params.workflow), eq(feedback.exampleStatus, status)))
      .orderBy(desc(feedback.id))
      .limit(n);
  const promoted = await pick("promoted", limit);
  const rest = params.promotedOnly || promoted.length >= limit ? [] : await pick("candidate", limit - promoted.length);
  return [...promoted, ...rest].map((r) => ({
    id: r.id,
    taskId: r.taskId,
    original: r.original,
    edited: r.edited,
    comment: r.comment,
    promoted: r.exampleStatus === "promoted",
    at: r.createdAt.toISOString(),
  }));
}
