import { AIMessage, type BaseMessage } from "@langchain/core/messages";
import { createHash } from "node:crypto";

/**
 * Deterministic model replies, declared by a workflow for its own prompts (`offlineReplies` in
 * its definition). The offline chat model finds the reply by the `[task:<key>]` tag at the start
 * of the system prompt. Pure module: workflow files and tests import it.
 */

/** A tool the agent bound to the model (OpenAI function format), as the reply sees it. */
export interface BoundTool {
  name: string;
  description?: string;
  parameters?: Record<string, unknown>;
}

export interface OfflineReplyContext {
  /** The whole conversation, system prompt first. */
  messages: BaseMessage[];
  /** The last human message's text. */
  text: string;
  /** The tools bound with `bindTools` (agents), else []. */
  tools: BoundTool[];
}

/**
 * Gets the JSON object of the last human message (`{}` when it is not JSON) and answers with text,
 * an object (sent as JSON text) or an AIMessage (e.g. `callTools([...])` for an agent turn).
 */
export type OfflineReply = (data: Record<string, unknown>, context: OfflineReplyContext) => string | Record<string, unknown> | AIMessage;
export type OfflineReplies = Record<string, OfflineReply>;

export const TASK_TAG = /\[task:([A-Za-z0-9_.:-]+)\]/;

/**
 * An AI turn that calls tools. Ids are derived from the conversation so that the same
 * conversation always gives the same calls (and `once()` keys built from them are stable).
 */
export function callTools(
  calls: Array<{ name: string; args: Record<string, unknown> }>,
  context: Pick<OfflineReplyContext, "messages">,
  content = "",
): AIMessage {
  const turn = context.messages.length;
  return new AIMessage({
    content,
    tool_calls: calls.map((c, i) => ({
      type: "tool_call" as const,
      name: c.name,
      args: c.args,
      id: `call_${createHash("sha256")
        .update(`${turn}:${i}:${c.name}:${JSON.stringify(c.args)}`)
        .digest("hex")
        .slice(0, 24)}`,
    })),
  });
}

export function parseJsonObject(text: string): Record<string, unknown> {
  const start = text.indexOf("{");
  if (start < 0) return {};
  try {
    const value: unknown = JSON.parse(text.slice(start));
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
