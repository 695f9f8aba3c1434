import type { BaseCheckpointSaver, StateSnapshot } from "@langchain/langgraph";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import type { z } from "zod";
import type { WorkflowPolicy } from "@/lib/policies/rules";
import type { OfflineReplies } from "./offline-replies";

/** LangGraph's checkpoint history filters (`getStateHistory`'s second argument). */
export interface HistoryOptions {
  limit?: number;
  before?: LangGraphRunnableConfig;
  filter?: Record<string, unknown>;
}

/** The part of a compiled LangGraph graph the engine uses. */
export interface CompiledWorkflow {
  invoke(input: unknown, config: LangGraphRunnableConfig): Promise<unknown>;
  getState(config: LangGraphRunnableConfig): Promise<StateSnapshot>;
  getStateHistory(config: LangGraphRunnableConfig, options?: HistoryOptions): AsyncIterableIterator<StateSnapshot>;
}

/**
 * Everything the product needs to know about a workflow, declared in the workflow's own file:
 * registering it (one line in lib/workflows/index.ts, or `registerWorkflow()`) is the only other step.
 */
export interface WorkflowDefinition<TInput extends z.ZodType = z.ZodType> {
  id: string;
  name: string;
  description: string;
  inputSchema: TInput;
  /**
   * Compiles the graph with the engine's checkpointer (`engine: true`; plain LangGraph callers
   * omit it). The state must have `input` and `output`.
   */
  compile(checkpointer: BaseCheckpointSaver, options?: { engine?: boolean }): CompiledWorkflow;
  /** One line saying what a run was started with, shown in the dashboard (default: the first input fields). */
  summarize?(input: z.output<TInput>): string;
  /**
   * Deterministic replies of the offline model (no OPENAI_API_KEY) for this workflow's prompts,
   * keyed by the `[task:<key>]` tag its system prompts start with: the workflow runs and is tested
   * offline through the same LangChain chat-model interface it uses with OpenAI.
   */
  offlineReplies?: OfflineReplies;
  /**
   * The queue for interrupts that do not name one: a plain `interrupt(value)`, Agent Inbox requests
   * without `args.queue`, LangChain tool-call reviews (a function may route by tool). Default "default".
   */
  queue?: string | ((request: { title: string; payload: unknown }) => string);
  /**
   * How many emails to outside addresses a run may send at most (email-outreach: one per lead).
   * A run that would exceed the team's daily email quota is refused at start with 429.
   */
  outboundEmails?(input: z.output<TInput>): number;
  /**
   * Workflows this one's nodes run as child runs with `fanOut()` (lib/hitl): registered with it,
   * never listed nor startable on their own.
   */
  children?: WorkflowDefinition[];
  /**
   * Auto-decision rules (lib/policies): an approval gate whose payload matches one is decided by
   * it before any task reaches a person, e.g. `{ id: "small", when: {"<=": [{var: "amount"}, 50]}, decide: "approve" }`.
   */
  policies?: WorkflowPolicy[];
}

export { runContext, type RunContext } from "@/lib/hitl/context";

/** A LangGraph graph before `compile()`: the engine compiles it with its checkpointer. */
export interface GraphBuilder {
  compile(options: { checkpointer: BaseCheckpointSaver }): CompiledWorkflow;
}

export type WorkflowDefinitionInput<T extends z.ZodType> = Omit<WorkflowDefinition<T>, "compile"> &
  ({ compile: WorkflowDefinition<T>["compile"]; graph?: never } | { graph: GraphBuilder; compile?: never });

/**
 * Type-checks a workflow definition (`summarize` gets the parsed input type). Give the graph
 * uncompiled as `graph`, or a `compile(checkpointer)` function that compiles it.
 */
export function defineWorkflow<T extends z.ZodType>(def: WorkflowDefinitionInput<T>): WorkflowDefinition<T> {
  if (def.compile) return def as WorkflowDefinition<T>;
  const { graph, ...rest } = def;
  return { ...rest, compile: (checkpointer) => graph!.compile({ checkpointer }) };
}

/** LangGraph's config type, re-exported for node signatures. */
export type { LangGraphRunnableConfig };
