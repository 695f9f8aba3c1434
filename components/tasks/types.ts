import type { FieldFailure, Task } from "@/lib/contract";

export type { FieldFailure, Task };
export type TaskAction = Task["allowed"][number];

/** What the decide action answers when the service did its job or refused with a known reason. */
export type DecideOutcome =
  | { outcome: "decided"; queue: string; nextTaskId: string | null }
  | {
      outcome: "conflict";
      message: string;
      status: Task["status"];
      by: string | null;
      action: TaskAction | null;
      /** Still pending but no longer what the reviewer saw (seenHash). */
      changed: boolean;
    }
  | { outcome: "invalid"; message: string; failures: FieldFailure[] };

/** A decision as the page shows it, with the actor already resolved to a name. */
export interface DecisionView {
  action: TaskAction;
  by: string;
  byCurrentUser: boolean;
  at: string;
  comment?: string;
  response?: string;
  payload?: unknown;
}

/** The run a task belongs to, trimmed to what the task page shows. */
export interface RunOverview {
  id: string;
  workflow: string;
  status: string;
  input: unknown;
  /** The workflow's own one-line summary of the input (its `summarize`), when it declares one. */
  summary: string | null;
  createdAt: string;
}

export const ACTION_LABEL: Record<TaskAction, { verb: string; past: string }> = {
  approve: { verb: "Approve", past: "approved" },
  edit: { verb: "Edit", past: "edited and approved" },
  reject: { verb: "Reject", past: "rejected" },
  respond: { verb: "Respond", past: "answered" },
};
