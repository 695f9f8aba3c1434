"use server";

import { z } from "zod";
import { decisionInputSchema } from "@/lib/contract";
import { teamAction } from "@/lib/auth/action";
import { decideTask } from "@/lib/tasks/decide";
import { listTasks } from "@/lib/tasks/queries";
import type { DecideOutcome } from "@/components/tasks/types";
import { loadPeople } from "@/lib/teams";
import { revalidatePath } from "next/cache";
import { getTaskRowOrThrow } from "@/lib/tasks/queries";
import { resendEvent } from "@/lib/webhooks/deliveries";

const decideSchema = decisionInputSchema.extend({ taskId: z.string().min(1) });

/**
 * Records one decision and finds the next pending task of the same queue (oldest first).
 * A 409 (someone else decided meanwhile) and a 422 with failing paths are answers the page
 * renders inline, so they come back as data; every other error is an ordinary action error.
 */
export const decideTaskAction = teamAction("tasks.decide", decideSchema, async (input, { principal, teamId }): Promise<DecideOutcome> => {
  const { taskId, ...decision } = input;
  const result = await decideTask({ principal, taskId, input: decision });
  switch (result.outcome) {
    case "decided": {
      const next = await listTasks({ principal, filters: { queue: result.task.queue, status: "pending" }, limit: 1 });
      return { outcome: "decided", queue: result.task.queue, nextTaskId: next.items[0]?.id ?? null };
    }
    case "conflict": {
      const { task } = result;
      const people = await loadPeople(teamId);
      const by = task.decision ? people.actor(task.decision.actor, principal.actor.id) : null;
      return {
        outcome: "conflict",
        message: result.message,
        status: task.status,
        by,
        action: task.decision?.action ?? null,
        changed: task.status === "pending",
      };
    }
    case "invalid":
      return { outcome: "invalid", message: result.message, failures: result.failures };
  }
});

/** Sends a task's webhook event again (same event id); audited as `webhook.resent`. */
export const resendWebhookAction = teamAction(
  "webhooks.resend",
  z.object({ taskId: z.string().min(1), eventId: z.string().min(1) }),
  async ({ taskId, eventId }, { principal, teamId, actor }) => {
    await getTaskRowOrThrow({ principal, taskId }); // 404 for hidden queues
    const event = await resendEvent({ teamId, taskId, eventId, actor });
    revalidatePath(`/tasks/${taskId}`);
    return { eventId: event.id };
  },
);
