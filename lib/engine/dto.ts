import type { RunRow } from "@/db/schema";
import type { Run } from "@/lib/contract";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** A run row as the contract's Run (lib/contract/objects.ts). */
export function toRunDto(run: RunRow, pendingTaskIds: string[]): Run {
  return {
    id: run.id,
    workflow: run.workflow,
    status: run.status,
    input: run.input,
    output: run.output ?? null,
    error: run.error ?? null,
    metadata: run.metadata ?? {},
    pendingTaskIds,
    createdBy: run.createdBy ?? null,
    createdAt: run.createdAt.toISOString(),
    updatedAt: run.updatedAt.toISOString(),
    completedAt: iso(run.completedAt),
    parentRunId: run.parentRunId ?? null,
  };
}
