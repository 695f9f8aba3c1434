"use client";

import { useRouter } from "next/navigation";
import { useCallback, useTransition } from "react";
import { toast } from "sonner";
import { decideTaskAction } from "@/app/(dashboard)/tasks/[id]/actions";
import { ACTION_LABEL, type DecideOutcome, type TaskAction } from "./types";

export interface DecideInput {
  action: TaskAction;
  payload?: unknown;
  response?: string;
  comment?: string;
}

const TOAST: Record<TaskAction, string> = {
  approve: "Approved",
  edit: "Edit sent",
  reject: "Rejected",
  respond: "Answer sent",
};

/**
 * Sends one decision. On success it opens the next pending task of the queue (oldest first)
 * or, when none is left, the queue page with a "cleared" note; `pending` stays true until
 * that page is on screen. Conflicts and schema failures are returned for the page to show.
 */
export function useDecide(task: { id: string; queue: string; seenHash: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  const decide = useCallback(
    (input: DecideInput) =>
      new Promise<DecideOutcome | null>((resolve) => {
        startTransition(async () => {
          let result: Awaited<ReturnType<typeof decideTaskAction>>;
          try {
            // Bound to what is on screen: if the task changed since, nothing is recorded (409).
            result = await decideTaskAction({ taskId: task.id, seenHash: task.seenHash, ...input });
          } catch {
            toast.error("Could not reach the server. Check your connection and try again.");
            return resolve(null);
          }
          if (!result.ok) {
            toast.error(result.error.message);
            return resolve(null);
          }
          const outcome = result.data;
          if (outcome.outcome === "decided") {
            const queuePath = `/queues/${encodeURIComponent(outcome.queue)}`;
            if (outcome.nextTaskId) {
              toast.success(TOAST[input.action], { description: `Opening the next task in ${outcome.queue}.` });
              router.push(`/tasks/${encodeURIComponent(outcome.nextTaskId)}`);
            } else {
              toast.success(`${TOAST[input.action]}. Queue cleared`, { description: `No pending tasks left in ${outcome.queue}.` });
              router.push(`${queuePath}?cleared=1`);
            }
          } else if (outcome.outcome === "conflict" && outcome.changed) {
            toast.warning("This task changed since you opened it", {
              description: "Your decision was not recorded. The page now shows the task as it is: read it again.",
            });
            router.refresh();
          } else if (outcome.outcome === "conflict") {
            const what = outcome.action ? ACTION_LABEL[outcome.action].past : outcome.status;
            toast.warning(outcome.by ? `Already ${what} by ${outcome.by}` : `This task is ${outcome.status}`, {
              description: "Your decision was not recorded. The page now shows what happened.",
            });
            router.refresh();
          } else {
            toast.error("The edit does not match the task's schema", { description: "The failing fields are marked." });
          }
          resolve(outcome);
        });
      }),
    [router, task.id, task.seenHash],
  );

  return { decide, pending };
}

/** Server paths ("payload.amount") → form paths ("amount"). */
export function failuresToErrors(failures: Array<{ path: string; message: string }>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const f of failures) {
    const path = f.path === "payload" ? "" : f.path.replace(/^payload\./, "");
    errors[path] ??= f.message.replace(/^./, (c) => c.toUpperCase());
  }
  return errors;
}
