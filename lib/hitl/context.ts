import { getConfig, type LangGraphRunnableConfig } from "@langchain/langgraph";

/** Who and what a node is running for; set by the engine in `configurable`. */
export interface RunContext {
  runId: string;
  teamId: string;
}

/**
 * The run a node (or a tool inside an agent) is working for. Pass the node's `config`, or call
 * it without one anywhere inside a running graph: LangGraph keeps the config in async context.
 */
export function runContext(config?: LangGraphRunnableConfig): RunContext {
  const c = (config ?? currentConfig())?.configurable ?? {};
  const runId = c.thread_id;
  const teamId = c.team_id;
  if (typeof runId !== "string" || typeof teamId !== "string") {
    throw new Error("Workflow node called without the engine's run context (thread_id, team_id).");
  }
  return { runId, teamId };
}

function currentConfig(): LangGraphRunnableConfig | undefined {
  try {
    return getConfig();
  } catch {
    return undefined;
  }
}
