import { Annotation, END, Send, START, StateGraph, type LangGraphRunnableConfig } from "@langchain/langgraph";
import { z } from "zod";
import { approvalGate, fanOut } from "@/lib/hitl";
import { sendEmailOnce } from "./effects";
import { askModelForJson } from "./model";
import { defineWorkflow, runContext, type WorkflowDefinition } from "./types";

const leadSchema = z.object({
  name: z.string().trim().min(1).max(200),
  email: z.string().trim().email(),
  company: z.string().trim().min(1).max(200),
});
const inputSchema = z.object({
  leads: z.array(leadSchema).min(1, "leads must have at least 1 lead").max(500, "leads must have at most 500 leads"),
  product: z.string().trim().min(1).max(200).optional(),
});
type Lead = z.infer<typeof leadSchema>;
interface Draft {
  index: number;
  lead: Lead;
  to: string;
  subject: string;
  body: string;
}
interface Result {
  index: number;
  to: string;
  subject: string;
  sent: boolean;
}

export const draftEmailSchema = {
  type: "object",
  required: ["to", "subject", "body"],
  properties: {
    to: { type: "string", format: "email", title: "To" },
    subject: { type: "string", minLength: 1, maxLength: 300, title: "Subject" },
    body: { type: "string", minLength: 1, maxLength: 20000, title: "Body" },
  },
  additionalProperties: false,
};

const concat = <T>(a: T[], b: T[]) => a.concat(b);
const State = Annotation.Root({
  input: Annotation<z.infer<typeof inputSchema>>,
  drafts: Annotation<Draft[]>({ reducer: concat, default: () => [] }),
  results: Annotation<Result[]>({ reducer: concat, default: () => [] }),
  output: Annotation<{ sent: Array<{ to: string; subject: string }>; rejected: string[] } | null>,
});
type S = typeof State.State;

const DRAFT_PROMPT =
  '[task:draft-email] You write short, friendly B2B outreach emails. Answer with JSON {"subject": string, "body": string}.';

async function draft(arg: { lead: Lead; index: number; product?: string }): Promise<Partial<S>> {
  const email = await askModelForJson<{ subject: string; body: string }>(DRAFT_PROMPT, { ...arg.lead, product: arg.product });
  return { drafts: [{ index: arg.index, lead: arg.lead, to: arg.lead.email, subject: email.subject, body: email.body }] };
}

// One child run per draft (fanOut): each decision resumes only its own draft's thread, and an
// approved email is sent as soon as it is approved. Drafting stays in the parent, checkpointed
// before anyone looks at the drafts; a child's node is the gate and the send, nothing more.
const reviewInputSchema = z.object({
  index: z.number().int().min(0),
  lead: leadSchema,
  to: z.string(),
  subject: z.string(),
  body: z.string(),
  /** The outbox key: the parent run's id and the draft's index, so a re-run never sends twice. */
  sendKey: z.string().min(1),
});
const ReviewState = Annotation.Root({
  input: Annotation<z.infer<typeof reviewInputSchema>>,
  output: Annotation<Result | null>,
});

/** One draft's gate, then its email, sent at once and once (the outbox key). */
async function reviewOne(d: Draft, sendKey: string, config: LangGraphRunnableConfig): Promise<Result> {
  const gate = approvalGate({
    queue: "outreach",
    title: `Email to ${d.lead.name} <${d.to}>`,
    description: `Outreach draft for ${d.lead.name} at ${d.lead.company}.`,
    payload: { to: d.to, subject: d.subject, body: d.body },
    schema: draftEmailSchema,
  });
  if (gate.action === "reject") return { index: d.index, to: d.to, subject: d.subject, sent: false };
  const { teamId } = runContext(config);
  const email = gate.payload;
  await sendEmailOnce({ teamId, key: sendKey, to: email.to, subject: email.subject, body: email.body });
  return { index: d.index, to: email.to, subject: email.subject, sent: true };
}

async function reviewDraft(s: typeof ReviewState.State, config: LangGraphRunnableConfig): Promise<Partial<typeof ReviewState.State>> {
  return { output: await reviewOne(s.input, s.input.sendKey, config) };
}

/** The child workflow: one draft's gate and send (never started on its own). */
export const emailOutreachReview = defineWorkflow({
  id: "email-outreach-review",
  name: "Email outreach: one draft",
  description: "One drafted email of an email-outreach run: waits for approval in the `outreach` queue, then is sent.",
  inputSchema: reviewInputSchema,
  summarize: (input) => `${input.lead.name} <${input.to}>`,
  graph: new StateGraph(ReviewState).addNode("review", reviewDraft).addEdge(START, "review").addEdge("review", END),
});

function review(s: S, config: LangGraphRunnableConfig): Partial<S> {
  const { runId } = runContext(config);
  const drafts = [...s.drafts].sort((a, b) => a.index - b.index);
  const results = fanOut<typeof reviewInputSchema, Result>(
    emailOutreachReview,
    drafts.map((d) => ({ ...d, sendKey: `email-outreach:${runId}:${d.index}` })),
  );
  return { results };
}

function finish(state: S): Partial<S> {
  const results = [...state.results].sort((a, b) => a.index - b.index);
  return {
    output: {
      sent: results.filter((r) => r.sent).map((r) => ({ to: r.to, subject: r.subject })),
      rejected: results.filter((r) => !r.sent).map((r) => r.to),
    },
  };
}

/**
 * Compiled by the engine, the drafts fan out to child runs. Compiled by plain LangGraph (no
 * engine to run child runs: a benchmark, a LangGraph user), every gate waits in one thread, as
 * before: same interrupts, same output, but each resume re-runs the gates still pending.
 */
function outreachGraph(mode: "fan-out" | "one-thread") {
  const graph = new StateGraph(State)
    .addNode("draft", draft)
    .addNode("collect", () => ({}))
    .addNode("finish", finish)
    .addConditionalEdges(START, (s: S) => s.input.leads.map((lead, index) => new Send("draft", { lead, index, product: s.input.product })))
    .addEdge("draft", "collect");
  if (mode === "fan-out")
    return graph.addNode("review", review).addEdge("collect", "review").addEdge("review", "finish").addEdge("finish", END);
  return graph
    .addNode("review", async (d: Draft, config: LangGraphRunnableConfig): Promise<Partial<S>> => {
      const { runId } = runContext(config);
      return { results: [await reviewOne(d, `email-outreach:${runId}:${d.index}`, config)] };
    })
    .addConditionalEdges("collect", (s: S) => [...s.drafts].sort((a, b) => a.index - b.index).map((d) => new Send("review", d)))
    .addEdge("review", "finish")
    .addEdge("finish", END);
}

export const emailOutreach = defineWorkflow({
  id: "email-outreach",
  name: "Email outreach",
  description: "Drafts one email per lead; each draft waits for approval in the `outreach` queue before it is sent.",
  inputSchema,
  outboundEmails: (input) => input.leads.length,
  children: [emailOutreachReview as WorkflowDefinition],
  compile: (checkpointer, options) => outreachGraph(options?.engine ? "fan-out" : "one-thread").compile({ checkpointer }),
});
