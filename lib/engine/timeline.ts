import "server-only";
import { getDb } from "@/db/client";
import { getWorkflow } from "@/lib/workflows";
import { compiledGraph, graphConfig } from "./advance";
import { getRunRowOrThrow, type RunScope } from "./runs";

export interface TimelineStep {
  checkpointId: string;
  step: number;
  source: string;
  /** Nodes whose writes produced this checkpoint (empty for the input checkpoint). */
  nodes: string[];
  next: string[];
  createdAt: string | null;
  interrupts: number;
  values: unknown;
}

/** The run's steps, oldest first, read from its LangGraph checkpoint history. */
export async function getRunTimeline(params: RunScope & { limit?: number }): Promise<TimelineStep[]> {
  const run = await getRunRowOrThrow(params);
  const def = getWorkflow(run.workflow);
  if (!def) return [];
  const graph = compiledGraph(def);
  const steps: TimelineStep[] = [];
  for await (const snapshot of graph.getStateHistory(graphConfig(run))) {
    const metadata = (snapshot.metadata ?? {}) as { step?: number; source?: string; writes?: Record<string, unknown> | null };
    steps.push({
      checkpointId: String(snapshot.config?.configurable?.checkpoint_id ?? ""),
      step: metadata.step ?? -1,
      source: metadata.source ?? "loop",
      nodes: Object.keys(metadata.writes ?? {}),
      next: [...snapshot.next],
      createdAt: snapshot.createdAt ?? null,
      interrupts: snapshot.tasks.reduce((n, t) => n + (t.result === undefined ? (t.interrupts?.length ?? 0) : 0), 0),
      values: snapshot.values,
    });
    if (steps.length >= (params.limit ?? 200)) break;
  }
  return steps.reverse();
}
