import { Annotation, END, START, StateGraph, type LangGraphRunnableConfig } from "@langchain/langgraph";
import { z } from "zod";
import { once } from "@/lib/effects";
import { approvalGate } from "@/lib/hitl";
import { defineWorkflow, runContext } from "./types";

const inputSchema = z.object({
  orderId: z.string().trim().min(1).max(200),
  amount: z.number().positive("amount must be greater than 0").max(1_000_000_000),
  currency: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{3}$/, "currency must be a 3-letter ISO code")
    .transform((c) => c.toUpperCase()),
  reason: z.string().trim().min(1).max(5000),
  customerEmail: z.string().trim().email(),
});
type Input = z.infer<typeof inputSchema>;

/** Up to this amount the agent refunds on its own; above, a human approves. */
export const AUTO_REFUND_LIMIT = 50;
export const FINANCE_THRESHOLD = 500;
/** Above this, two distinct approvals in `finance` (the contract's quorum). */
export const QUORUM_THRESHOLD = 10_000;

const State = Annotation.Root({
  input: Annotation<Input>,
  approvedAmount: Annotation<number | null>,
  output: Annotation<{ refunded: boolean; amount: number } | null>,
});
type S = typeof State.State;

/** What a reviewer may change: only lower the amount (and reword the reason). */
function refundDraft(input: Input) {
  return z
    .object({
      orderId: z.literal(input.orderId).meta({ title: "Order" }),
      amount: z
        .number()
        .positive()
        .max(input.amount)
        .meta({ title: `Amount (≤ ${input.amount})` }),
      currency: z.literal(input.currency).meta({ title: "Currency" }),
      reason: z.string().min(1).meta({ title: "Reason" }),
      customerEmail: z.literal(input.customerEmail).meta({ title: "Customer email" }),
    })
    .strict();
}

function approve(state: S): Partial<S> {
  const input = state.input;
  if (input.amount <= AUTO_REFUND_LIMIT) return { approvedAmount: input.amount };
  const gate = approvalGate({
    queue: input.amount > FINANCE_THRESHOLD ? "finance" : "support",
    title: `Refund ${input.amount.toFixed(2)} ${input.currency} for order ${input.orderId}`,
    description: input.reason,
    payload: { ...input },
    schema: refundDraft(input),
    // Large refunds need two distinct approvers (four eyes).
    quorum: input.amount > QUORUM_THRESHOLD ? 2 : 1,
  });
  if (gate.action === "reject") return { approvedAmount: null };
  return { approvedAmount: gate.payload.amount };
}

async function execute(state: S, config: LangGraphRunnableConfig): Promise<Partial<S>> {
  if (state.approvedAmount == null) return { output: { refunded: false, amount: 0 } };
  const { runId } = runContext(config);
  // The ledger entry is the effect's stored result: one per run, however often this node runs.
  const refunded = await once(`refund:${runId}`, () => ({
    orderId: state.input.orderId,
    amount: state.approvedAmount!,
    currency: state.input.currency,
  }));
  return { output: { refunded: true, amount: refunded.amount } };
}

export const refund = defineWorkflow({
  id: "refund",
  name: "Refund",
  description: `Refunds an order: up to ${AUTO_REFUND_LIMIT} automatically, up to ${FINANCE_THRESHOLD} with approval in \`support\`, above that in \`finance\`. Reviewers may lower the amount.`,
  inputSchema,
  summarize: (input) => `${input.amount} ${input.currency} for order ${input.orderId} (${input.customerEmail})`,
  compile: (checkpointer) =>
    new StateGraph(State)
      .addNode("approve", approve)
      .addNode("execute", execute)
      .addEdge(START, "approve")
      .addEdge("approve", "execute")
      .addEdge("execute", END)
      .compile({ checkpointer }),
});
