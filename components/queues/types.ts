/** A pending task as the queue list shows it (no payload: the task page has that). */
export interface QueueTask {
  id: string;
  title: string;
  description: string | null;
  kind: string;
  workflow: string | null;
  runId: string | null;
  allowed: string[];
  confidence: number | null;
  assignee: { id: string; label: string } | null;
  createdAt: string;
  dueAt: string | null;
  /** The queue a deadline escalated it from (onTimeout "escalate"), and when. */
  escalatedFrom: string | null;
  escalatedAt: string | null;
  /** A task that needs several approvals: how many, and who approved so far. */
  quorum: { needed: number; by: string[] } | null;
}

export interface QueueMember {
  id: string;
  label: string;
}

export type BulkAction = "approve" | "reject";
