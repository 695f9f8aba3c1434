import "server-only";
import { sql } from "drizzle-orm";
import { getDb, type DbOrTx, type Tx } from "@/db/client";
import type { CreateTaskInput } from "@/lib/contract";
import { tasks, TASK_ACTIONS, TASK_KINDS, type Actor, type TaskRow } from "@/db/schema";
import { assertCan, type Principal } from "@/lib/access/principal";
import { recordAudit } from "@/lib/audit";
import { toTaskDto } from "./dto";
import type { TaskSpec } from "./spec";
import { newId } from "@/lib/ids";
import { applyPolicies } from "@/lib/policies";
import { ensureQueues } from "@/lib/queues";
import { notifyReviewers } from "./notify";
import { assertValidSchema } from "./validate";
import { queueDeadlineDefaults, scheduleDeadlineJobs, withQueueDefaults } from "./deadlines";
import { assertCallbackUrlAllowed } from "@/lib/webhooks/guard";
import { applyAutomaticAnswers, questionKey } from "@/lib/answers";

/**
 * One task per question of a pending interrupt (usually one; one per tool call for LangChain's
 * tool-call review); the (run, interrupt id, index) key makes re-syncs harmless. Returns the tasks
 * left for people: those a policy decided (lib/policies) are neither notified nor returned.
 */
export async function createTasksFromInterrupts(
  db: DbOrTx,
  params: {
    teamId: string;
    runId: string;
    /** The child run whose thread the tasks resume, when `runId`'s run fanned out. */
    childRunId?: string | null;
    workflow: string;
    /** False: the caller announces these tasks to reviewers later, in one batch. */
    notify?: boolean;
    /** Who started the run: separation of duties applies to its tasks. */
    requestedBy: Actor | null;
    interrupts: Array<{ id: string; index?: number; spec: TaskSpec }>;
  },
): Promise<TaskRow[]> {
  if (params.interrupts.length === 0) return [];
  await ensureQueues(
    db,
    params.teamId,
    params.interrupts.map((i) => i.spec.queue),
  );
  const defaults = await queueDeadlineDefaults(
    db,
    params.teamId,
    params.interrupts.map((i) => i.spec.queue),
  );
  const now = new Date();
  const created: TaskRow[] = [];
  // Insert in chunks: 500 parallel drafts must not build one giant statement.
  for (let i = 0; i < params.interrupts.length; i += 100) {
    const chunk = params.interrupts.slice(i, i + 100);
    const rows = await db
      .insert(tasks)
      .values(
        chunk.map(({ id, index, spec }) => ({
          ...withQueueDefaults(
            { dueAt: spec.dueAt, remindAt: spec.remindAt ?? null, onTimeout: spec.onTimeout ?? null, escalateTo: spec.escalateTo ?? null },
            defaults.get(spec.queue),
            now,
          ),
          id: newId("task"),
          teamId: params.teamId,
          runId: params.runId,
          childRunId: params.childRunId ?? null,
          interruptId: id,
          interruptIndex: index ?? 0,
          workflow: params.workflow,
          kind: spec.kind,
          queue: spec.queue,
          title: spec.title,
          description: spec.description,
          payload: spec.payload as object,
          schema: spec.schema,
          allowed: spec.allowed,
          confidence: spec.confidence,
          question: spec.question,
          questionKey: spec.kind === "clarification" && spec.allowed.includes("respond") ? questionKey(spec.question) : null,
          requestedBy: params.requestedBy,
          requesterMayDecide: spec.requesterMayDecide ?? null,
          quorum: spec.quorum ?? 1,
          quorumRoles: spec.fromRoles ?? null,
        })),
      )
      .onConflictDoNothing({ target: [tasks.runId, tasks.interruptId, tasks.interruptIndex] })
      .returning();
    created.push(...rows);
  }
  // Policies as code decide approval gates; saved answers answer known questions. Neither needs a reviewer.
  const undecided = await applyPolicies(db, { teamId: params.teamId, workflow: params.workflow, tasks: created });
  const open = await applyAutomaticAnswers(db, undecided);
  if (open.length > 0) await afterTasksCreated(db, params.teamId, open, params.notify ?? true);
  return open;
}

async function afterTasksCreated(db: DbOrTx, teamId: string, created: TaskRow[], notify = true) {
  await scheduleDeadlineJobs(db, created);
  if (notify) await notifyReviewers(db, { teamId, tasks: created });
  // Live queues (SSE) listen on this channel, across all web instances.
  await db.execute(
    sql`select pg_notify('acl_tasks', ${JSON.stringify({ teamId, event: "created", queues: [...new Set(created.map((t) => t.queue))], count: created.length })})`,
  );
}

export { createTaskInputSchema, type CreateTaskInput } from "@/lib/contract";

const DEFAULT_ALLOWED: Record<string, Array<(typeof TASK_ACTIONS)[number]>> = {
  approval: ["approve", "edit", "reject"],
  review: ["approve", "edit", "reject"],
  clarification: ["respond", "reject"],
};

/** A review request from an agent that runs elsewhere; decided tasks call `callbackUrl` back. */
export async function createStandaloneTask(params: {
  principal: Principal;
  input: CreateTaskInput;
  /** Written in the creating transaction (the API's idempotency key). */
  inTransaction?: (tx: Tx, task: ReturnType<typeof toTaskDto>) => Promise<void>;
}) {
  assertCan(params.principal, "tasks.create");
  const input = params.input;
  if (input.schema) assertValidSchema(input.schema);
  if (input.callbackUrl) await assertCallbackUrlAllowed(input.callbackUrl);
  const row = await getDb().transaction(async (tx) => {
    await ensureQueues(tx, params.principal.teamId, [input.queue]);
    const defaults = await queueDeadlineDefaults(tx, params.principal.teamId, [input.queue]);
    const deadline = withQueueDefaults(
      {
        dueAt: input.dueAt ? new Date(input.dueAt) : null,
        remindAt: null,
        onTimeout: input.onTimeout ?? null,
        escalateTo: input.escalateTo ?? null,
      },
      defaults.get(input.queue),
    );
    const [task] = await tx
      .insert(tasks)
      .values({
        id: newId("task"),
        teamId: params.principal.teamId,
        kind: input.kind,
        queue: input.queue,
        title: input.title,
        description: input.description ?? null,
        payload: input.payload as object,
        schema: input.schema ?? null,
        allowed: input.allowed ?? DEFAULT_ALLOWED[input.kind]!,
        question: input.question ?? null,
        confidence: input.confidence ?? null,
        ...deadline,
        callbackUrl: input.callbackUrl ?? null,
        requestedBy: params.principal.actor,
        requesterMayDecide: input.requesterMayDecide ?? null,
        quorum: input.quorum ?? 1,
      })
      .returning();
    await recordAudit(tx, {
      teamId: params.principal.teamId,
      actor: params.principal.actor,
      action: "task.created",
      subjectType: "task",
      subjectId: task!.id,
      data: { kind: input.kind, queue: input.queue, title: input.title },
    });
    await afterTasksCreated(tx, params.principal.teamId, [task!]);
    const dto = toTaskDto(task!);
    await params.inTransaction?.(tx, dto);
    return dto;
  });
  return row;
}
