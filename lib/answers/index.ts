import "server-only";
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type DbOrTx, type Tx } from "@/db/client";
import { savedAnswers, tasks, type Decision, type SavedAnswerRow, type TaskRow } from "@/db/schema";
import { assertCan, type Principal } from "@/lib/access/principal";
import { queueVisibility } from "@/lib/access/visibility";
import { recordAudit } from "@/lib/audit";
import { notFound } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { enqueueAdvance, resumedRunId } from "@/lib/jobs";

export { normalizeQuestion, questionKey } from "./normalize";

/**
 * Reusable clarification answers (saved answers): every human `respond` to a grouped question
 * is kept per (team, workflow, question key); the task page suggests them, and one marked
 * `auto` answers new tasks of that group as they are created (lib/tasks/create.ts calls
 * applyAutomaticAnswers). Never across teams or workflows: both are part of every lookup.
 */

export interface SavedAnswer {
  id: string;
  workflow: string;
  queue: string;
  questionKey: string;
  question: string;
  response: string;
  auto: boolean;
  uses: number;
  createdBy: { type: string; id: string };
  createdAt: string;
  updatedAt: string;
}

export function toSavedAnswerDto(row: SavedAnswerRow): SavedAnswer {
  return {
    id: row.id,
    workflow: row.workflow,
    queue: row.queue,
    questionKey: row.questionKey,
    question: row.question,
    response: row.response,
    auto: row.auto,
    uses: row.uses,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The actor id of an automatic answer: `answer:<saved answer id>`. */
export const AUTO_ANSWER_ACTOR_PREFIX = "answer:";

/** Can this task be grouped and answered in words? (Typed clarifications are confirmed or corrected, not answered.) */
export function isGroupable(task: Pick<TaskRow, "kind" | "allowed" | "workflow" | "runId">) {
  return task.kind === "clarification" && task.allowed.includes("respond") && Boolean(task.workflow && task.runId);
}

/**
 * Keeps a human's answer to a grouped question (called by the decide service in the decision's
 * transaction). The same response again counts a use and brings a revoked one back.
 */
export async function rememberAnswer(tx: Tx, task: TaskRow, decision: Decision) {
  if (decision.action !== "respond" || !decision.response || !task.questionKey || !task.workflow) return;
  if (decision.actor.type === "system") return;
  await tx.execute(sql`
    insert into saved_answers (id, team_id, workflow, queue, question_key, question, response, created_by)
    values (${newId("ans")}, ${task.teamId}, ${task.workflow}, ${task.queue}, ${task.questionKey},
            ${task.question ?? task.title}, ${decision.response}, ${JSON.stringify(decision.actor)}::jsonb)
    on conflict (team_id, workflow, question_key, md5(response))
    do update set uses = saved_answers.uses + 1, updated_at = now(), revoked_at = null`);
}

/** Past answers to this question in this workflow, most used first (automatic one on top). */
export async function suggestAnswers(
  principal: Principal,
  params: { workflow: string; questionKey: string; limit?: number },
  db: DbOrTx = getDb(),
): Promise<SavedAnswer[]> {
  assertCan(principal, "tasks.read");
  const visibility = await queueVisibility(principal, db);
  const rows = await db
    .select()
    .from(savedAnswers)
    .where(
      and(
        eq(savedAnswers.teamId, principal.teamId),
        eq(savedAnswers.workflow, params.workflow),
        eq(savedAnswers.questionKey, params.questionKey),
        isNull(savedAnswers.revokedAt),
        visibility.queueFilter(savedAnswers.queue),
      ),
    )
    .orderBy(desc(savedAnswers.auto), desc(savedAnswers.uses), desc(savedAnswers.updatedAt))
    .limit(Math.min(params.limit ?? 5, 20));
  return rows.map(toSavedAnswerDto);
}

/** Every saved answer the principal may see (the Questions view), newest first, bounded. */
export async function listSavedAnswers(principal: Principal, params: { workflow?: string; limit?: number } = {}) {
  assertCan(principal, "tasks.read");
  const visibility = await queueVisibility(principal);
  const rows = await getDb()
    .select()
    .from(savedAnswers)
    .where(
      and(
        eq(savedAnswers.teamId, principal.teamId),
        params.workflow ? eq(savedAnswers.workflow, params.workflow) : undefined,
        isNull(savedAnswers.revokedAt),
        visibility.queueFilter(savedAnswers.queue),
      ),
    )
    .orderBy(desc(savedAnswers.updatedAt))
    .limit(Math.min(params.limit ?? 100, 200));
  return rows.map(toSavedAnswerDto);
}

export const setAutoApplyInputSchema = z.object({
  answerId: z.string().min(1).max(100),
  auto: z.boolean(),
});

async function lockAnswer(tx: Tx, principal: Principal, answerId: string) {
  const [row] = await tx
    .select()
    .from(savedAnswers)
    .where(and(eq(savedAnswers.id, answerId), eq(savedAnswers.teamId, principal.teamId), isNull(savedAnswers.revokedAt)))
    .for("update")
    .limit(1);
  const visibility = await queueVisibility(principal, tx);
  if (!row || !visibility.canSee(row.queue)) throw notFound("saved answer", answerId);
  return row;
}

/**
 * Turns "apply automatically" on or off for a saved answer (owners and admins; audited). One
 * automatic answer per question and workflow: turning one on turns the group's other off.
 */
export async function setAutoApply(principal: Principal, input: z.input<typeof setAutoApplyInputSchema>): Promise<SavedAnswer> {
  assertCan(principal, "answers.manage");
  const { answerId, auto } = setAutoApplyInputSchema.parse(input);
  return getDb().transaction(async (tx) => {
    const row = await lockAnswer(tx, principal, answerId);
    if (row.auto === auto) return toSavedAnswerDto(row);
    if (auto) {
      const replaced = await tx
        .update(savedAnswers)
        .set({ auto: false, updatedAt: new Date() })
        .where(
          and(
            eq(savedAnswers.teamId, row.teamId),
            eq(savedAnswers.workflow, row.workflow),
            eq(savedAnswers.questionKey, row.questionKey),
            eq(savedAnswers.auto, true),
          ),
        )
        .returning({ id: savedAnswers.id });
      for (const r of replaced) await auditAuto(tx, principal, { ...row, id: r.id }, false);
    }
    const [updated] = await tx.update(savedAnswers).set({ auto, updatedAt: new Date() }).where(eq(savedAnswers.id, row.id)).returning();
    await auditAuto(tx, principal, row, auto);
    return toSavedAnswerDto(updated!);
  });
}

async function auditAuto(tx: Tx, principal: Principal, row: SavedAnswerRow, auto: boolean) {
  await recordAudit(tx, {
    teamId: row.teamId,
    actor: principal.actor,
    action: auto ? "answer.auto_enabled" : "answer.auto_disabled",
    subjectType: "saved_answer",
    subjectId: row.id,
    data: {
      workflow: row.workflow,
      queue: row.queue,
      questionKey: row.questionKey,
      question: row.question,
      before: { auto: !auto },
      after: { auto },
    },
  });
}

/** Stops suggesting (and automatically giving) an answer (owners and admins; audited). */
export async function revokeAnswer(principal: Principal, answerId: string) {
  assertCan(principal, "answers.manage");
  await getDb().transaction(async (tx) => {
    const row = await lockAnswer(tx, principal, answerId);
    await tx.update(savedAnswers).set({ revokedAt: new Date(), auto: false, updatedAt: new Date() }).where(eq(savedAnswers.id, row.id));
    await recordAudit(tx, {
      teamId: row.teamId,
      actor: principal.actor,
      action: "answer.revoked",
      subjectType: "saved_answer",
      subjectId: row.id,
      data: { workflow: row.workflow, queue: row.queue, questionKey: row.questionKey, before: { auto: row.auto } },
    });
  });
}

/**
 * The task-creation hook: new clarification tasks whose group has an automatic answer are
 * decided with it at once, in the creating transaction, audited `task.auto_answered` with the
 * system actor `answer:<id>`, and their run is resumed. Returns the tasks still waiting for a
 * human (the others need no reviewer notice).
 */
export async function applyAutomaticAnswers(db: DbOrTx, created: TaskRow[]): Promise<TaskRow[]> {
  const candidates = created.filter((t) => t.status === "pending" && t.questionKey && isGroupable(t));
  if (candidates.length === 0) return created;
  const teamId = candidates[0]!.teamId; // one run's tasks: one team
  const rows = await db
    .select()
    .from(savedAnswers)
    .where(
      and(
        eq(savedAnswers.teamId, teamId),
        eq(savedAnswers.auto, true),
        isNull(savedAnswers.revokedAt),
        inArray(savedAnswers.questionKey, [...new Set(candidates.map((t) => t.questionKey!))]),
      ),
    );
  const byGroup = new Map(rows.map((r) => [`${r.workflow}\u0000${r.questionKey}`, r]));
  const answered = new Map<string, TaskRow>();
  for (const task of candidates) {
    const answer = byGroup.get(`${task.workflow}\u0000${task.questionKey}`);
    if (!answer || answer.teamId !== task.teamId) continue;
    const decision: Decision = {
      action: "respond",
      response: answer.response,
      actor: { type: "system", id: `${AUTO_ANSWER_ACTOR_PREFIX}${answer.id}` },
      at: new Date().toISOString(),
    };
    const [updated] = await db
      .update(tasks)
      .set({ status: "decided", decision, decidedAt: new Date(decision.at) })
      .where(and(eq(tasks.id, task.id), eq(tasks.status, "pending")))
      .returning();
    if (!updated) continue;
    await db
      .update(savedAnswers)
      .set({ uses: sql`${savedAnswers.uses} + 1`, updatedAt: new Date() })
      .where(eq(savedAnswers.id, answer.id));
    await recordAudit(db, {
      teamId: task.teamId,
      actor: decision.actor,
      action: "task.auto_answered",
      subjectType: "task",
      subjectId: task.id,
      data: {
        runId: task.runId,
        queue: task.queue,
        title: task.title,
        automatic: true,
        answerId: answer.id,
        questionKey: task.questionKey,
        before: { status: "pending" },
        after: { status: "decided", decision },
      },
    });
    const runId = resumedRunId(task);
    if (runId) await enqueueAdvance(db, runId);
    answered.set(task.id, updated);
  }
  return created.filter((t) => !answered.has(t.id));
}
