import { Annotation, END, START, StateGraph } from "@langchain/langgraph";
import { z } from "zod";
import { askHuman } from "@/lib/hitl";
import { askModelForJson, askModelForText } from "./model";
import { defineWorkflow } from "./types";

/** Offline classifier: keywords with a fixed confidence; nothing recognisable is "general" at 0.4, so a human is asked. */
const CATEGORY_KEYWORDS: Array<[string, RegExp, number]> = [
  ["billing", /\b(refund|invoice|charge[ds]?|billing|payment|price|paid)\b/i, 0.92],
  ["bug", /\b(error|crash|bug|broken|fails?|exception|500)\b/i, 0.88],
  ["account", /\b(password|login|log in|sign in|account|2fa|locked)\b/i, 0.85],
  ["feature-request", /\b(feature|would be nice|wish|could you add|request)\b/i, 0.8],
];

const inputSchema = z.object({
  ticket: z.object({
    subject: z.string().trim().min(1).max(500),
    body: z.string().trim().min(1).max(20_000),
  }),
  confidenceThreshold: z.number().min(0).max(1).default(0.7),
});
type Input = z.infer<typeof inputSchema>;
interface Classification {
  category: string;
  confidence: number;
}
interface Output {
  category: string;
  reply: string;
  answeredBy: "agent" | "human";
  humanAnswer?: string;
}

const State = Annotation.Root({
  input: Annotation<Input>,
  classification: Annotation<Classification>,
  humanAnswer: Annotation<string | null>,
  output: Annotation<Output | null>,
});
type S = typeof State.State;

const CLASSIFY_PROMPT =
  '[task:classify] Classify the support ticket into one of billing, bug, account, feature-request, general. Answer with JSON {"category": string, "confidence": number between 0 and 1}.';
const REPLY_PROMPT = "[task:reply] Write a short, polite first reply to the customer for this ticket.";

async function classify(state: S): Promise<Partial<S>> {
  const c = await askModelForJson<Classification>(CLASSIFY_PROMPT, state.input.ticket);
  return { classification: { category: String(c.category), confidence: Math.max(0, Math.min(1, Number(c.confidence) || 0)) } };
}

// Only the interrupt lives in this node: on resume it re-runs without calling the model.
function clarify(state: S): Partial<S> {
  const { category, confidence } = state.classification;
  const result = askHuman({
    queue: "support",
    title: `Unclear ticket: ${state.input.ticket.subject}`,
    question: `The agent is only ${Math.round(confidence * 100)}% sure this ticket is about "${category}". What is the customer asking for, and how should we answer?`,
    context: { ticket: state.input.ticket, guess: state.classification },
    confidence,
    threshold: state.input.confidenceThreshold,
  });
  return { humanAnswer: result.answeredBy === "human" ? result.answer : null };
}

async function reply(state: S): Promise<Partial<S>> {
  let { category } = state.classification;
  if (state.humanAnswer) {
    // The human's answer is injected into the agent's context: classify again with it.
    const again = await askModelForJson<Classification>(CLASSIFY_PROMPT, { ...state.input.ticket, clarification: state.humanAnswer });
    if (again.category && again.category !== "general") category = String(again.category);
  }
  const text = await askModelForText(REPLY_PROMPT, {
    subject: state.input.ticket.subject,
    body: state.input.ticket.body,
    category,
    humanAnswer: state.humanAnswer ?? undefined,
  });
  const output: Output = state.humanAnswer
    ? { category, reply: text, answeredBy: "human", humanAnswer: state.humanAnswer }
    : { category, reply: text, answeredBy: "agent" };
  return { output };
}

export const supportTriage = defineWorkflow({
  id: "support-triage",
  name: "Support triage",
  description: "Classifies a ticket; below the confidence threshold it asks a human in the `support` queue and uses the answer.",
  inputSchema,
  summarize: (input) => `Ticket “${input.ticket.subject}”`,
  offlineReplies: {
    classify: (data) => {
      const text = `${data.subject ?? ""} ${data.body ?? ""} ${data.clarification ?? ""}`;
      const hit = CATEGORY_KEYWORDS.find(([, pattern]) => pattern.test(text));
      return hit ? { category: hit[0], confidence: hit[2] } : { category: "general", confidence: 0.4 };
    },
    reply: (data) => {
      const hint = data.humanAnswer ? ` Our team notes: ${String(data.humanAnswer)}` : "";
      return `Thanks for reaching out about "${String(data.subject ?? "your request")}". We have routed it to our ${String(data.category ?? "general")} team and will follow up shortly.${hint}`;
    },
  },
  compile: (checkpointer) =>
    new StateGraph(State)
      .addNode("classify", classify)
      .addNode("clarify", clarify)
      .addNode("reply", reply)
      .addEdge(START, "classify")
      .addEdge("classify", "clarify")
      .addEdge("clarify", "reply")
      .addEdge("reply", END)
      .compile({ checkpointer }),
});
