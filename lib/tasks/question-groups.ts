import "server-only";
import { and, asc, desc, eq, gt, inArray, isNull, isNotNull, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { savedAnswers, tasks } from "@/db/schema";
import { assertCan, type Principal } from "@/lib/access/principal";
import { queueVisibility } from "@/lib/access/visibility";
import { toSavedAnswerDto, type SavedAnswer } from "@/lib/answers";
import { notFound } from "@/lib/errors";
import { decideTasksBulk, type BulkOutcome } from "./decide";

/**
 * Clarification questions grouped by similarity (the normalised question's key, within one
 * workflow), and answering a whole group at once: every pending task of the group that the
 * reviewer may see goes through the same bulk decision service as a queue's bulk approve
 * (permissions, queue roles, separation of duties, one audit event per task, one resume per run).
 */

export interface QuestionGroup {
  workflow: string;
  questionKey: string;
  /** The oldest waiting task's question: the group's wording. */
  question: string;
  pending: number;
  queues: string[];
  oldestTaskId: string;
  oldestAt: string;
  /** Past answers to this question in this workflow, most used first. */
  suggestions: SavedAnswer[];
}

const GROUP_LIMIT = 100;

/** The groups with a pending task the principal may see, largest first (at most 100). */
export async function listQuestionGroups(principal: Principal, params: { workflow?: string } = {}): Promise<QuestionGroup[]> {
  assertCan(principal, "tasks.read");
  const db = getDb();
  const visibility = await queueVisibility(principal, db);
  const rows = await db
    .select({
      workflow: sql<string>`${tasks.workflow}`,
      questionKey: sql<string>`${tasks.questionKey}`,
      question: sql<string>`(array_agg(coalesce(${tasks.question}, ${tasks.title}) order by ${tasks.id}))[1]`,
      pending: sql<number>`count(*)::int`,
      queues: sql<string[]>`array_agg(distinct ${tasks.queue})`,
      oldestTaskId: sql<string>`min(${tasks.id})`,
      oldestAt: sql<Date>`min(${tasks.createdAt})`,
    })
    .from(tasks)
    .where(
      and(
        eq(tasks.teamId, principal.teamId),
        eq(tasks.status, "pending"),
        isNotNull(tasks.questionKey),
        isNotNull(tasks.workflow),
        params.workflow ? eq(tasks.workflow, params.workflow) : undefined,
        visibility.tasks(),
      ),
    )
    .groupBy(tasks.workflow, tasks.questionKey)
    .orderBy(desc(sql`count(*)`), asc(sql`min(${tasks.id})`))
    .limit(GROUP_LIMIT);
  if (rows.length === 0) return [];
  const saved = await db
    .select()
    .from(savedAnswers)
    .where(
      and(
        eq(savedAnswers.teamId, principal.teamId),
        inArray(savedAnswers.questionKey, [...new Set(rows.map((r) => r.questionKey))]),
        isNull(savedAnswers.revokedAt),
        visibility.queueFilter(savedAnswers.queue),
      ),
    )
    .orderBy(desc(savedAnswers.auto), desc(savedAnswers.uses), desc(savedAnswers.updatedAt))
    .limit(GROUP_LIMIT * 5);
  return rows.map((r) => ({
    ...r,
    oldestAt: new Date(r.oldestAt).toISOString(),
    suggestions: saved
      .filter((s) => s.workflow === r.workflow && s.questionKey === r.questionKey)
      .slice(0, 3)
      .map(toSavedAnswerDto),
  }));
}

export const answerQuestionGroupInputSchema = z.object({
  workflow: z.string().min(1).max(200),
  questionKey: z.string().regex(/^[0-9a-f]{32}$/, "questionKey must be a question group's key (32 hex characters)"),
  response: z.string().trim().min(1, "response: a non-empty answer is required").max(20_000),
  comment: z.string().trim().max(5_000).optional(),
});
export type AnswerQuestionGroupInput = z.input<typeof answerQuestionGroupInputSchema>;

export interface AnswerQuestionGroupResult {
  answered: number;
  /** Tasks of the group this principal could not decide (e.g. separation of duties), with why; at most 50 listed. */
  skipped: Array<Extract<BulkOutcome, { ok: false }>>;
  skippedCount: number;
  /** Pending tasks left beyond this call's bound (answer again to continue). */
  remaining: boolean;
}

const BATCH = 100;
const MAX_BATCHES = 20;

/**
 * Answers every pending task of a group once, in batches of 100 (each one transaction through
 * decideTasksBulk), at most 2,000 per call. Tasks in queues the principal may not see are not
 * selected at all: a group with none visible is a 404, as if it did not exist.
 */
export async function answerQuestionGroup(principal: Principal, input: AnswerQuestionGroupInput): Promise<AnswerQuestionGroupResult> {
  assertCan(principal, "tasks.decide");
  const { workflow, questionKey, response, comment } = answerQuestionGroupInputSchema.parse(input);
  const db = getDb();
  const visibility = await queueVisibility(principal, db);
  const result: AnswerQuestionGroupResult = { answered: 0, skipped: [], skippedCount: 0, remaining: false };
  let after = "";
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const ids = await db
      .select({ id: tasks.id })
      .from(tasks)
      .where(
        and(
          eq(tasks.teamId, principal.teamId),
          eq(tasks.workflow, workflow),
          eq(tasks.questionKey, questionKey),
          eq(tasks.status, "pending"),
          gt(tasks.id, after),
          visibility.tasks(),
        ),
      )
      .orderBy(asc(tasks.id))
      .limit(BATCH);
    if (ids.length === 0) {
      if (batch === 0) throw notFound("question group", questionKey);
      return result;
    }
    after = ids[ids.length - 1]!.id;
    const outcomes = await decideTasksBulk({
      principal,
      taskIds: ids.map((r) => r.id),
      input: { action: "respond", response, ...(comment ? { comment } : {}) },
    });
    for (const o of outcomes) {
      if (o.ok) result.answered += 1;
      else {
        result.skippedCount += 1;
        if (result.skipped.length < 50) result.skipped.push(o);
      }
    }
    if (ids.length < BATCH) return result; // the group's last batch
  }
  result.remaining = true;
  return result;
}
