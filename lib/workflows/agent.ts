import { AIMessage, HumanMessage, ToolMessage, type BaseMessage, type BaseMessageLike } from "@langchain/core/messages";
import { isCommand, type BaseCheckpointSaver, type LangGraphRunnableConfig, type StateSnapshot } from "@langchain/langgraph";
import type { z } from "zod";
import type { CompiledWorkflow, HistoryOptions, WorkflowDefinition } from "./types";

/**
 * Registers an agent made with LangChain's `createAgent` (or any compiled LangGraph graph over
 * `messages`) as a workflow, unchanged. The engine gives it its checkpointer, starts it with
 * the conversation built from the run's input, and reads the run's output from its final state.
 * `humanInTheLoopMiddleware` tool-call reviews become one task per gated call.
 */

/** What the engine needs of an agent: a `createAgent` agent exposes its graph; a compiled graph is one. */
type AgentGraph = CompiledWorkflow & { checkpointer?: unknown };
export type AgentLike = { readonly graph: AgentGraph } | AgentGraph;

/** A message as plain JSON: how agent state is stored in a run's output and shown on its timeline. */
export interface PlainMessage {
  type: string;
  content: string;
  toolCalls?: Array<{ id?: string; name: string; args: Record<string, unknown> }>;
  toolCallId?: string;
  name?: string;
  status?: string;
}

export function plainMessage(m: BaseMessage): PlainMessage {
  const plain: PlainMessage = { type: m.getType(), content: m.text };
  if (AIMessage.isInstance(m) && m.tool_calls?.length) plain.toolCalls = m.tool_calls.map(({ id, name, args }) => ({ id, name, args }));
  if (ToolMessage.isInstance(m)) Object.assign(plain, { toolCallId: m.tool_call_id, name: m.name, status: m.status ?? "success" });
  return plain;
}

/** The default output: the agent's last words and every tool call it made with what came of it. */
export function agentOutput(messages: BaseMessage[]) {
  const results = new Map(messages.filter(ToolMessage.isInstance).map((m) => [m.tool_call_id, m]));
  const toolCalls = messages.filter(AIMessage.isInstance).flatMap((m) =>
    (m.tool_calls ?? []).map((call) => {
      const result = call.id ? results.get(call.id) : undefined;
      return { name: call.name, args: call.args, status: result ? (result.status ?? "success") : "not run", result: result?.text ?? null };
    }),
  );
  const last = [...messages].reverse().find((m) => AIMessage.isInstance(m) && !m.tool_calls?.length);
  return { reply: last?.text ?? null, toolCalls };
}

export interface AgentWorkflowOptions<TInput extends z.ZodType> extends Omit<WorkflowDefinition<TInput>, "compile"> {
  /** The agent, as `createAgent` returned it (its checkpointer is set by the engine). */
  agent: AgentLike;
  /** The conversation a run starts with (default: the input as one human message, JSON unless a string). */
  messages?: (input: z.output<TInput>) => BaseMessageLike[];
  /** The run's output from the final messages (default: `agentOutput`). Must be JSON. */
  output?: (messages: BaseMessage[]) => unknown;
}

const isStart = (value: unknown): value is { input: unknown } =>
  typeof value === "object" && value !== null && !isCommand(value) && Object.keys(value).length === 1 && "input" in value;

export function defineAgentWorkflow<T extends z.ZodType>(options: AgentWorkflowOptions<T>): WorkflowDefinition<T> {
  const { agent, messages, output, ...definition } = options;
  const toMessages = messages ?? ((input: unknown) => [new HumanMessage(typeof input === "string" ? input : JSON.stringify(input))]);
  const toOutput = output ?? agentOutput;
  return {
    ...definition,
    compile(checkpointer: BaseCheckpointSaver): CompiledWorkflow {
      const graph: AgentGraph = "graph" in agent ? agent.graph : agent;
      graph.checkpointer = checkpointer;
      // Agent state holds message objects: the engine and the dashboard get plain JSON and an `output`.
      const plain = (snapshot: StateSnapshot): StateSnapshot => {
        const values = (snapshot.values ?? {}) as { messages?: BaseMessage[] };
        const list = values.messages ?? [];
        return { ...snapshot, values: { ...values, messages: list.map(plainMessage), output: toOutput(list) } };
      };
      return {
        invoke: (input: unknown, config: LangGraphRunnableConfig) =>
          graph.invoke(isStart(input) ? { messages: toMessages(input.input as z.output<T>) } : input, config),
        getState: async (config: LangGraphRunnableConfig) => plain(await graph.getState(config)),
        async *getStateHistory(config: LangGraphRunnableConfig, options?: HistoryOptions) {
          for await (const snapshot of graph.getStateHistory(config, options)) yield plain(snapshot);
        },
      };
    },
  };
}
