import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { memberships, tasks } from "@/db/schema";
import { assertCan, type Principal } from "@/lib/access/principal";
import { queueVisibility } from "@/lib/access/visibility";
import { recordAudit } from "@/lib/audit";
import { AppError, notFound } from "@/lib/errors";
import { toTaskDto } from "./dto";
import { notifyAssigned } from "./notify";

/** Claim (assign to self), assign to a teammate, or unassign (null) a pending task. */
export async function assignTask(params: { principal: Principal; taskId: string; assigneeId: string | null }) {
  assertCan(params.principal, "tasks.assign");
  const { principal } = params;
  return getDb().transaction(async (tx) => {
    const [task] = await tx
      .select()
      .from(tasks)
      .where(and(eq(tasks.id, params.taskId), eq(tasks.teamId, principal.teamId)))
      .for("update")
      .limit(1);
    if (!task) throw notFound("task", params.taskId);
    const visibility = await queueVisibility(principal, tx);
    if (!visibility.canSee(task.queue)) throw notFound("task", params.taskId);
    if (!visibility.canWork(task.queue)) throw new AppError("forbidden", `You may not work tasks in the '${task.queue}' queue.`);
    if (task.status !== "pending") throw new AppError("conflict", `Task ${task.id} is ${task.status}; only pending tasks can be assigned.`);
    if (params.assigneeId) {
      const [member] = await tx
        .select({ id: memberships.id })
        .from(memberships)
        .where(and(eq(memberships.teamId, principal.teamId), eq(memberships.userId, params.assigneeId)))
        .limit(1);
      if (!member) throw new AppError("invalid_request", "assigneeId: not a member of this team.");
    }
    const [updated] = await tx.update(tasks).set({ assigneeId: params.assigneeId }).where(eq(tasks.id, task.id)).returning();
    await recordAudit(tx, {
      teamId: principal.teamId,
      actor: principal.actor,
      action: params.assigneeId ? "task.assigned" : "task.unassigned",
      subjectType: "task",
      subjectId: task.id,
      data: { before: { assignee: task.assigneeId }, after: { assignee: params.assigneeId } },
    });
    if (params.assigneeId && params.assigneeId !== task.assigneeId) {
      await notifyAssigned(tx, { teamId: principal.teamId, task: updated!, assigneeId: params.assigneeId, by: principal.actor });
    }
    return toTaskDto(updated!);
  });
}
