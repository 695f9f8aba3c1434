import type { TaskRow } from "@/db/schema";
import type { Task } from "@/lib/contract";
import { taskSeenHash } from "./seen-hash";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** A task row as the contract's Task (lib/contract/objects.ts). */
export function toTaskDto(task: TaskRow): Task {
  return {
    id: task.id,
    runId: task.runId,
    workflow: task.workflow,
    kind: task.kind,
    queue: task.queue,
    status: task.status,
    title: task.title,
    description: task.description,
    payload: task.payload,
    schema: task.schema ?? null,
    allowed: task.allowed,
    confidence: task.confidence,
    question: task.question,
    decision: task.decision ?? null,
    assignee: task.assigneeId,
    dueAt: iso(task.dueAt),
    onTimeout: task.onTimeout ?? null,
    escalateTo: task.escalateTo ?? null,
    remindAt: iso(task.remindAt),
    escalatedFrom: task.escalatedFrom ?? null,
    escalatedAt: iso(task.escalatedAt),
    createdAt: task.createdAt.toISOString(),
    decidedAt: iso(task.decidedAt),
    requestedBy: task.requestedBy ?? null,
    requesterMayDecide: task.requesterMayDecide ?? null,
    quorum: task.quorum,
    approvals: task.approvals,
    seenHash: taskSeenHash(task),
  };
}
