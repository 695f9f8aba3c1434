import type { RunRow, TaskRow } from "@/db/schema";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function toRunDto(run: RunRow, pendingTaskIds: string[]) {
  return {
    id: run.id,
    workflow: run.workflow,
    status: run.status,
    input: run.input,
    output: run.output ?? null,
    error: run.error ?? null,
    metadata: run.metadata ?? {},
    pendingTaskIds,
    createdAt: run.createdAt.toISOString(),
    updatedAt: run.updatedAt.toISOString(),
    completedAt: iso(run.completedAt),
  };
}
export type RunDto = ReturnType<typeof toRunDto>;

export function toTaskDto(task: TaskRow) {
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
    createdAt: task.createdAt.toISOString(),
    decidedAt: iso(task.decidedAt),
  };
}
export type TaskDto = ReturnType<typeof toTaskDto>;
