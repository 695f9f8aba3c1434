import type { BaseCheckpointSaver, StateSnapshot } from "@langchain/langgraph";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import type { z } from "zod";

/** The part of a compiled LangGraph graph the engine uses. */
export interface CompiledWorkflow {
  invoke(input: unknown, config: LangGraphRunnableConfig): Promise<unknown>;
  getState(config: LangGraphRunnableConfig): Promise<StateSnapshot>;
  getStateHistory(config: LangGraphRunnableConfig): AsyncIterableIterator<StateSnapshot>;
}

export interface WorkflowDefinition<TInput extends z.ZodType = z.ZodType> {
  id: string;
  name: string;
  description: string;
  inputSchema: TInput;
  /** Compiles the graph with the engine's checkpointer. The state must have `input` and `output`. */
  compile(checkpointer: BaseCheckpointSaver): CompiledWorkflow;
}

/** Who and what a node is running for; set by the engine in `configurable`. */
export interface RunContext {
  runId: string;
  teamId: string;
}

export function runContext(config: LangGraphRunnableConfig): RunContext {
  const c = config.configurable ?? {};
  const runId = c.thread_id;
  const teamId = c.team_id;
  if (typeof runId !== "string" || typeof teamId !== "string") {
    throw new Error("Workflow node called without the engine's run context (thread_id, team_id).");
  }
  return { runId, teamId };
}

export function defineWorkflow<T extends z.ZodType>(def: WorkflowDefinition<T>): WorkflowDefinition<T> {
  return def;
}
