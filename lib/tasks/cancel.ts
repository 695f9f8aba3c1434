import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { tasks } from "@/db/schema";
import { assertCan, type Principal } from "@/lib/access/principal";
import { recordAudit } from "@/lib/audit";
import { AppError, notFound } from "@/lib/errors";
import { toTaskDto } from "./dto";
import { getTaskRowOrThrow } from "./queries";
import { recordTaskEvents } from "./webhook-events";

/**
 * Withdraws a pending standalone task (the agent no longer needs the answer): `cancelled`, audited,
 * and its callbackUrl gets `task.cancelled`. Tasks of a run are cancelled with their run; a
 * task that already left `pending` → 409.
 */
export async function cancelStandaloneTask(params: { principal: Principal; taskId: string; reason?: string }) {
  assertCan(params.principal, "tasks.create");
  return getDb().transaction(async (tx) => {
    await getTaskRowOrThrow(params, tx); // 404 for other teams and hidden queues
    const [task] = await tx
      .select()
      .from(tasks)
      .where(and(eq(tasks.id, params.taskId), eq(tasks.teamId, params.principal.teamId)))
      .for("update")
      .limit(1);
    if (!task) throw notFound("task", params.taskId);
    if (task.runId) throw new AppError("conflict", `Task ${task.id} belongs to run ${task.runId}: cancel the run instead.`);
    if (task.status !== "pending")
      throw new AppError("conflict", `Task ${task.id} is ${task.status}, not pending; it can no longer be cancelled.`);
    const [updated] = await tx.update(tasks).set({ status: "cancelled" }).where(eq(tasks.id, task.id)).returning();
    await recordAudit(tx, {
      teamId: task.teamId,
      actor: params.principal.actor,
      action: "task.cancelled",
      subjectType: "task",
      subjectId: task.id,
      data: {
        queue: task.queue,
        title: task.title,
        before: { status: "pending" },
        after: { status: "cancelled" },
        reason: params.reason ?? null,
      },
    });
    await recordTaskEvents(tx, [task.id]);
    return toTaskDto(updated!);
  });
}
