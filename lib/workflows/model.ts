import { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { AIMessage, type BaseMessage } from "@langchain/core/messages";
import type { ChatResult } from "@langchain/core/outputs";
import { ChatOpenAI } from "@langchain/openai";
import { createHash } from "node:crypto";

/**
 * Workflows talk to a real LangChain chat-model interface. With OPENAI_API_KEY set they use
 * OpenAI; without one, this deterministic model, so that everything runs and is testable
 * offline. It answers the structured prompts of the built-in workflows (each system prompt
 * starts with a `[task:...]` tag and the human message carries JSON) from the prompt alone:
 * the same prompt always gives the same answer.
 */
export class DeterministicChatModel extends BaseChatModel {
  static lc_name() {
    return "DeterministicChatModel";
  }

  _llmType() {
    return "deterministic";
  }

  async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    const system = messages.find((m) => m.getType() === "system")?.text ?? "";
    const human = [...messages].reverse().find((m) => m.getType() === "human")?.text ?? "";
    const task = /\[task:([a-z-]+)\]/.exec(system)?.[1] ?? "chat";
    const text = respond(task, human, system);
    return { generations: [{ text, message: new AIMessage(text) }] };
  }
}

function parseJson(text: string): Record<string, unknown> {
  const start = text.indexOf("{");
  try {
    return start >= 0 ? JSON.parse(text.slice(start)) : {};
  } catch {
    return {};
  }
}

const CATEGORY_KEYWORDS: Array<[string, RegExp, number]> = [
  ["billing", /\b(refund|invoice|charge[ds]?|billing|payment|price|paid)\b/i, 0.92],
  ["bug", /\b(error|crash|bug|broken|fails?|exception|500)\b/i, 0.88],
  ["account", /\b(password|login|log in|sign in|account|2fa|locked)\b/i, 0.85],
  ["feature-request", /\b(feature|would be nice|wish|could you add|request)\b/i, 0.8],
];

function respond(task: string, human: string, system: string): string {
  const data = parseJson(human);
  switch (task) {
    case "draft-email": {
      const name = String(data.name ?? "there");
      const first = name.split(/\s+/)[0];
      const company = String(data.company ?? "your team");
      const product = String(data.product ?? "AgentControlLayer");
      return JSON.stringify({
        subject: `${company} + ${product}`,
        body: `Hi ${first},\n\nTeams like ${company} use ${product} to keep a human in the loop where it matters. Would a 15-minute call next week be useful?\n\nBest regards`,
      });
    }
    case "classify": {
      const text = `${data.subject ?? ""} ${data.body ?? ""} ${data.clarification ?? ""}`;
      for (const [category, pattern, confidence] of CATEGORY_KEYWORDS) {
        if (pattern.test(text)) return JSON.stringify({ category, confidence });
      }
      // Nothing recognisable: low confidence, so the workflow asks a human.
      return JSON.stringify({ category: "general", confidence: 0.4 });
    }
    case "reply": {
      const category = String(data.category ?? "general");
      const hint = data.humanAnswer ? ` Our team notes: ${String(data.humanAnswer)}` : "";
      return `Thanks for reaching out about "${String(data.subject ?? "your request")}". We have routed it to our ${category} team and will follow up shortly.${hint}`;
    }
    case "draft-article": {
      const topic = String(data.topic ?? "the topic");
      const examples = Array.isArray(data.examples) ? (data.examples as string[]) : [];
      const style = examples.length > 0 ? `\n\n_Style follows ${examples.length} reviewed example(s)._` : "";
      return `# ${topic}\n\n${topic} matters because teams need to move fast without losing control.\n\n## Key points\n\n- What ${topic} is\n- Why it matters now\n- How to start${style}\n`;
    }
    default: {
      const digest = createHash("sha256")
        .update(system + human)
        .digest("hex")
        .slice(0, 8);
      return `Deterministic reply ${digest}.`;
    }
  }
}

let cached: BaseChatModel | undefined;

export function getChatModel(): BaseChatModel {
  if (cached) return cached;
  cached = process.env.OPENAI_API_KEY
    ? new ChatOpenAI({ model: process.env.OPENAI_MODEL ?? "gpt-4o-mini", temperature: 0 })
    : new DeterministicChatModel({});
  return cached;
}

/** Calls the model and parses a JSON object answer (the prompt asks for JSON). */
export async function askModelForJson<T>(system: string, payload: unknown): Promise<T> {
  const reply = await getChatModel().invoke([
    ["system", system],
    ["human", JSON.stringify(payload)],
  ]);
  const text = typeof reply.content === "string" ? reply.content : reply.text;
  const match = /\{[\s\S]*\}/.exec(text);
  if (!match) throw new Error(`The model did not answer with JSON: ${text.slice(0, 200)}`);
  return JSON.parse(match[0]) as T;
}

export async function askModelForText(system: string, payload: unknown): Promise<string> {
  const reply = await getChatModel().invoke([
    ["system", system],
    ["human", JSON.stringify(payload)],
  ]);
  return typeof reply.content === "string" ? reply.content : reply.text;
}
