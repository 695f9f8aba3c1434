import { Annotation, END, START, StateGraph, type LangGraphRunnableConfig } from "@langchain/langgraph";
import { z } from "zod";
import { approvalGate } from "@/lib/hitl";
import { refundOnce } from "./effects";
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

const State = Annotation.Root({
  input: Annotation<Input>,
  approvedAmount: Annotation<number | null>,
  output: Annotation<{ refunded: boolean; amount: number } | null>,
});
type S = typeof State.State;

function editSchema(input: Input) {
  return {
    type: "object",
    required: ["orderId", "amount", "currency", "reason", "customerEmail"],
    properties: {
      orderId: { const: input.orderId, title: "Order" },
      amount: { type: "number", exclusiveMinimum: 0, maximum: input.amount, title: `Amount (≤ ${input.amount})` },
      currency: { const: input.currency, title: "Currency" },
      reason: { type: "string", minLength: 1, title: "Reason" },
      customerEmail: { const: input.customerEmail, title: "Customer email" },
    },
    additionalProperties: false,
  };
}

function approve(state: S): Partial<S> {
  const input = state.input;
  if (input.amount <= AUTO_REFUND_LIMIT) return { approvedAmount: input.amount };
  const gate = approvalGate({
    queue: input.amount > FINANCE_THRESHOLD ? "finance" : "support",
    title: `Refund ${input.amount.toFixed(2)} ${input.currency} for order ${input.orderId}`,
    description: input.reason,
    payload: { ...input },
    schema: editSchema(input),
  });
  if (gate.action === "reject") return { approvedAmount: null };
  return { approvedAmount: gate.payload.amount };
}

async function execute(state: S, config: LangGraphRunnableConfig): Promise<Partial<S>> {
  if (state.approvedAmount == null) return { output: { refunded: false, amount: 0 } };
  const { runId, teamId } = runContext(config);
  await refundOnce({
    teamId,
    runId,
    key: `refund:${runId}`,
    orderId: state.input.orderId,
    amount: state.approvedAmount,
    currency: state.input.currency,
  });
  return { output: { refunded: true, amount: state.approvedAmount } };
}

export const refund = defineWorkflow({
  id: "refund",
  name: "Refund",
  description: `Refunds an order: up to ${AUTO_REFUND_LIMIT} automatically, up to ${FINANCE_THRESHOLD} with approval in \`support\`, above that in \`finance\`. Reviewers may lower the amount.`,
  inputSchema,
  compile: (checkpointer) =>
    new StateGraph(State)
      .addNode("approve", approve)
      .addNode("execute", execute)
      .addEdge(START, "approve")
      .addEdge("approve", "execute")
      .addEdge("execute", END)
      .compile({ checkpointer }),
});
