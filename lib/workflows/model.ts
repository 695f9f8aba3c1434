import { BaseChatModel, type BaseChatModelCallOptions, type BindToolsInput } from "@langchain/core/language_models/chat_models";
import { AIMessage, type BaseMessage } from "@langchain/core/messages";
import type { ChatResult } from "@langchain/core/outputs";
import { convertToOpenAITool } from "@langchain/core/utils/function_calling";
import { ChatOpenAI } from "@langchain/openai";
import { parseJsonObject, TASK_TAG, type BoundTool, type OfflineReplies, type OfflineReply } from "./offline-replies";

/**
 * Workflows talk to a real LangChain chat-model interface. With OPENAI_API_KEY set they use
 * OpenAI; without one, this deterministic model, so that everything runs and is testable
 * offline. Each workflow declares the replies to its own prompts (`offlineReplies`), found by
 * the `[task:<key>]` tag its system prompt starts with; the same conversation always gives the
 * same answer. It binds tools like a provider model, so `createAgent` agents run on it too.
 */
const replies = new Map<string, { owner: string; reply: OfflineReply }>();

/** Called by the workflow registry. A tag belongs to one workflow. */
export function registerOfflineReplies(owner: string, table: OfflineReplies | undefined) {
  for (const [tag, reply] of Object.entries(table ?? {})) {
    const existing = replies.get(tag);
    if (existing && existing.owner !== owner) {
      throw new Error(`Offline reply '[task:${tag}]' is declared by both '${existing.owner}' and '${owner}'.`);
    }
    replies.set(tag, { owner, reply });
  }
}

interface DeterministicCallOptions extends BaseChatModelCallOptions {
  tools?: BoundTool[];
}

export class DeterministicChatModel extends BaseChatModel<DeterministicCallOptions> {
  static lc_name() {
    return "DeterministicChatModel";
  }

  _llmType() {
    return "deterministic";
  }

  override bindTools(tools: BindToolsInput[]) {
    const bound: BoundTool[] = tools.map((t) => {
      const fn = convertToOpenAITool(t).function;
      return { name: fn.name, description: fn.description, parameters: fn.parameters as Record<string, unknown> };
    });
    return this.withConfig({ tools: bound });
  }

  async _generate(messages: BaseMessage[], options: this["ParsedCallOptions"]): Promise<ChatResult> {
    const system = messages.find((m) => m.getType() === "system")?.text ?? "";
    const text = [...messages].reverse().find((m) => m.getType() === "human")?.text ?? "";
    const tag = TASK_TAG.exec(system)?.[1];
    const entry = tag ? replies.get(tag) : undefined;
    if (!entry) {
      throw new Error(
        tag
          ? `No offline reply for '[task:${tag}]': declare it in the workflow's offlineReplies, or set OPENAI_API_KEY.`
          : "The offline model needs a '[task:<key>]' tag at the start of the system prompt (and offlineReplies for it), or set OPENAI_API_KEY.",
      );
    }
    const answer = entry.reply(parseJsonObject(text), { messages, text, tools: options.tools ?? [] });
    const message = AIMessage.isInstance(answer) ? answer : new AIMessage(typeof answer === "string" ? answer : JSON.stringify(answer));
    return { generations: [{ text: message.text, message }] };
  }
}

let cached: BaseChatModel | undefined;

/** The chat model workflows and agents use: OpenAI with a key, else the deterministic one. */
export function getChatModel(): BaseChatModel {
  if (cached) return cached;
  cached = process.env.OPENAI_API_KEY
    ? new ChatOpenAI({ model: process.env.OPENAI_MODEL ?? "gpt-4o-mini", temperature: 0 })
    : new DeterministicChatModel({});
  return cached;
}

async function ask(system: string, payload: unknown): Promise<string> {
  const reply = await getChatModel().invoke([
    ["system", system],
    ["human", JSON.stringify(payload)],
  ]);
  return typeof reply.content === "string" ? reply.content : reply.text;
}

/** Calls the model and parses a JSON object answer (the prompt asks for JSON). */
export async function askModelForJson<T>(system: string, payload: unknown): Promise<T> {
  const text = await ask(system, payload);
  const match = /\{[\s\S]*\}/.exec(text);
  if (!match) throw new Error(`The model did not answer with JSON: ${text.slice(0, 200)}`);
  return JSON.parse(match[0]) as T;
}

export async function askModelForText(system: string, payload: unknown): Promise<string> {
  return ask(system, payload);
}

// email-outreach still answers from here: it moves to its own `offlineReplies` once its
// child-run rewrite (another branch) has landed.
registerOfflineReplies("email-outreach", {
  "draft-email": (data) => {
    const name = String(data.name ?? "there");
    const company = String(data.company ?? "your team");
    const product = String(data.product ?? "AgentControlLayer");
    return {
      subject: `${company} + ${product}`,
      body: `Hi ${name.split(/\s+/)[0]},\n\nTeams like ${company} use ${product} to keep a human in the loop where it matters. Would a 15-minute call next week be useful?\n\nBest regards`,
    };
  },
});
