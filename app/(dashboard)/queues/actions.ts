"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { teamAction } from "@/lib/auth/action";
import { assignTask } from "@/lib/tasks/assign";
import { getTaskRowOrThrow } from "@/lib/tasks/queries";
import { decideTasksBulk } from "@/lib/tasks/decide";

const taskId = z.string().min(1).max(100);

const decideSchema = z
  .object({
    taskIds: z.array(taskId).min(1, "Select at least one task.").max(500, "Decide at most 500 tasks at once."),
    action: z.enum(["approve", "reject"]),
    comment: z.string().trim().max(5_000).optional(),
  })
  .refine((v) => v.action !== "reject" || Boolean(v.comment), { message: "A reason is required to reject.", path: ["comment"] });

/**
 * Approves or rejects one or many tasks (the queue's `a`/`r` keys and bulk bar). Each task is
 * decided in its own transaction by the same service as the resume route, which checks the
 * queue permission per task; the outcome of every task comes back for the summary toast.
 */
export const decideTasksAction = teamAction("tasks.decide", decideSchema, async ({ taskIds, action, comment }, { principal }) => {
  // No revalidatePath: the queue sends large decisions in chunks and refreshes once at the end.
  const outcomes = await decideTasksBulk({ principal, taskIds, input: { action, comment } });
  return {
    action,
    decided: outcomes.filter((o) => o.ok).map((o) => o.taskId),
    failed: outcomes.flatMap((o) => (o.ok ? [] : [{ taskId: o.taskId, code: o.code, message: o.message }])),
  };
});

/** Claims (assign to self), assigns to a teammate, or unassigns (null) a pending task. */
export const assignTaskAction = teamAction(
  "tasks.assign",
  z.object({ taskId, assigneeId: z.string().min(1).max(100).nullable() }),
  async ({ taskId, assigneeId }, { principal }) => {
    // assignTask checks the team but not the queue: a task in a queue the member cannot see is a 404.
    await getTaskRowOrThrow({ principal, taskId });
    const task = await assignTask({ principal, taskId, assigneeId });
    revalidatePath("/", "layout");
    return { id: task.id, assignee: task.assignee };
  },
);
