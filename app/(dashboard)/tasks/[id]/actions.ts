"use server";

import { z } from "zod";
import { TASK_ACTIONS } from "@/db/schema";
import { teamAction } from "@/lib/auth/action";
import type { TaskDto } from "@/lib/engine/dto";
import { AppError } from "@/lib/errors";
import { decideTask } from "@/lib/tasks/decide";
import { listTasks } from "@/lib/tasks/queries";
import type { DecideOutcome, FieldFailure } from "@/components/tasks/types";
import { loadPeople } from "./people";

const decideSchema = z.object({
  taskId: z.string().min(1),
  action: z.enum(TASK_ACTIONS),
  payload: z.unknown().optional(),
  response: z.string().max(20_000).optional(),
  comment: z.string().max(5_000).optional(),
});

/**
 * Records one decision and finds the next pending task of the same queue (oldest first).
 * A 409 (someone else decided meanwhile) and a 422 with failing paths are answers the page
 * renders inline, so they come back as data; every other error is an ordinary action error.
 */
export const decideTaskAction = teamAction(
  "tasks.decide",
  decideSchema,
  async (input, { principal, db, teamId }): Promise<DecideOutcome> => {
    const { taskId, ...decision } = input;
    try {
      const { task } = await decideTask({ principal, taskId, input: decision });
      const next = await listTasks(db, { principal, filters: { queue: task.queue, status: "pending" }, limit: 1 });
      return { outcome: "decided", queue: task.queue, nextTaskId: next.items[0]?.id ?? null };
    } catch (err) {
      if (err instanceof AppError && err.code === "conflict" && err.details?.task) {
        const task = err.details.task as TaskDto;
        const people = await loadPeople(db, teamId);
        const by = task.decision ? people.actor(task.decision.actor, principal.actor.id) : null;
        return { outcome: "conflict", message: err.message, status: task.status, by, action: task.decision?.action ?? null };
      }
      if (err instanceof AppError && err.code === "unprocessable" && Array.isArray(err.details?.failures)) {
        return { outcome: "invalid", message: err.message, failures: err.details.failures as FieldFailure[] };
      }
      throw err;
    }
  },
);
