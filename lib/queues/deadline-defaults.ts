import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { getDb, type DbOrTx } from "@/db/client";
import { queues, type Actor, type TimeoutOutcome } from "@/db/schema";
import { TIMEOUT_OUTCOMES } from "@/lib/contract";
import { recordAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { queueNameSchema, upsertQueue, type Queue } from "./index";

export interface QueueDeadlineDefaults {
  defaultDueInSeconds: number | null;
  defaultRemindBeforeSeconds: number | null;
  defaultOnTimeout: TimeoutOutcome | null;
  defaultEscalateTo: string | null;
}

/** name → deadline defaults of the team's queues among `names`. */
export async function queueDeadlineDefaults(db: DbOrTx, teamId: string, names: string[]) {
  if (names.length === 0) return new Map<string, QueueDeadlineDefaults>();
  const rows = await db
    .select({
      name: queues.name,
      defaultDueInSeconds: queues.defaultDueInSeconds,
      defaultRemindBeforeSeconds: queues.defaultRemindBeforeSeconds,
      defaultOnTimeout: queues.defaultOnTimeout,
      defaultEscalateTo: queues.defaultEscalateTo,
    })
    .from(queues)
    .where(and(eq(queues.teamId, teamId), inArray(queues.name, [...new Set(names)])));
  return new Map<string, QueueDeadlineDefaults>(rows.map(({ name, ...d }) => [name, d]));
}

const MAX_SECONDS = 366 * 24 * 3600;
const seconds = z.number().int().positive("must be a positive number of seconds").max(MAX_SECONDS, "must be at most a year").nullable();

/** A queue's deadline defaults, for its tasks that declare none (lib/tasks/deadlines withQueueDefaults). */
export const queueDeadlineDefaultsSchema = z
  .object({
    dueInSeconds: seconds,
    remindBeforeSeconds: seconds,
    onTimeout: z.enum(TIMEOUT_OUTCOMES).nullable(),
    escalateTo: queueNameSchema.nullable(),
  })
  .superRefine((d, ctx) => {
    if (d.onTimeout === "escalate" && !d.escalateTo) {
      ctx.addIssue({ code: "custom", path: ["escalateTo"], message: "Choose the queue that escalated tasks move to." });
    }
    if (d.dueInSeconds && d.remindBeforeSeconds && d.remindBeforeSeconds >= d.dueInSeconds) {
      ctx.addIssue({ code: "custom", path: ["remindBeforeSeconds"], message: "The reminder must come before the deadline." });
    }
  });
export type QueueDeadlineDefaultsInput = z.input<typeof queueDeadlineDefaultsSchema>;

/** Sets a queue's deadline defaults (creating the queue row if needed), audited as queue.updated in the same transaction. */
export async function setQueueDeadlineDefaults(
  params: { teamId: string; name: string; defaults: QueueDeadlineDefaultsInput; actor: Actor },
  db: DbOrTx = getDb(),
) {
  const name = queueNameSchema.parse(params.name);
  const parsed = queueDeadlineDefaultsSchema.safeParse(params.defaults);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError("invalid_request", `${issue.path.join(".")}: ${issue.message}`);
  }
  const d = parsed.data;
  if (d.onTimeout === "escalate" && d.escalateTo === name) {
    throw new AppError("invalid_request", "escalateTo: a queue cannot escalate to itself.");
  }
  const values = {
    defaultDueInSeconds: d.dueInSeconds,
    defaultRemindBeforeSeconds: d.remindBeforeSeconds,
    defaultOnTimeout: d.onTimeout,
    // A target only means something with the escalate outcome.
    defaultEscalateTo: d.onTimeout === "escalate" ? d.escalateTo : null,
  };
  return db.transaction(async (tx) => {
    await tx
      .insert(queues)
      .values({ id: newId("queue"), teamId: params.teamId, name })
      .onConflictDoNothing({ target: [queues.teamId, queues.name] });
    const [before] = await tx
      .select()
      .from(queues)
      .where(and(eq(queues.teamId, params.teamId), eq(queues.name, name)))
      .for("update")
      .limit(1);
    const [row] = await tx.update(queues).set(values).where(eq(queues.id, before!.id)).returning();
    await recordAudit(tx, {
      teamId: params.teamId,
      actor: params.actor,
      action: "queue.updated",
      subjectType: "queue",
      subjectId: row!.id,
      data: {
        name,
        before: {
          defaultDueInSeconds: before!.defaultDueInSeconds,
          defaultRemindBeforeSeconds: before!.defaultRemindBeforeSeconds,
          defaultOnTimeout: before!.defaultOnTimeout,
          defaultEscalateTo: before!.defaultEscalateTo,
        },
        after: values,
      },
    });
    return { name, ...values };
  });
}

/** The settings form's save: the queue (upsertQueue) and its deadline defaults in one transaction, each audited. */
export async function saveQueueSettings(
  params: Parameters<typeof upsertQueue>[0] & { actor: Actor; deadlines?: QueueDeadlineDefaultsInput },
): Promise<Queue> {
  const { deadlines, ...queue } = params;
  return getDb().transaction(async (tx) => {
    const saved = await upsertQueue(queue, tx);
    if (deadlines)
      await setQueueDeadlineDefaults({ teamId: params.teamId, name: saved.name, defaults: deadlines, actor: params.actor }, tx);
    return saved;
  });
}

/** name → deadline defaults, for the settings page. */
export async function listQueueDeadlineDefaults(teamId: string, names: string[]) {
  return queueDeadlineDefaults(getDb(), teamId, names);
}
