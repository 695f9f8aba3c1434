import { ToolMessage, type BaseMessage } from "@langchain/core/messages";
import { createAgent, humanInTheLoopMiddleware, tool } from "langchain";
import { createHash } from "node:crypto";
import { z } from "zod";
import { once } from "@/lib/effects";
import { gateJsonSchema, runContext } from "@/lib/hitl";
import { enqueueMail } from "@/lib/mail";
import { defineAgentWorkflow } from "./agent";
import { getChatModel } from "./model";
import { callTools, type OfflineReplyContext } from "./offline-replies";

/**
 * A LangChain agent (`createAgent` + `humanInTheLoopMiddleware`) as a built-in workflow: it looks
 * orders up on its own, and a reviewer in `ops` approves, edits or rejects every refund and every
 * email it wants to send. Offline, a deterministic tool-calling model drives it (see `plan`).
 */

export interface Order {
  orderId: string;
  customerName: string;
  customerEmail: string;
  total: number;
  currency: string;
  status: "delivered" | "shipped";
}

const KNOWN_ORDERS: Record<string, Order> = {
  "1042": { orderId: "1042", customerName: "Sam Lee", customerEmail: "sam@example.com", total: 120, currency: "USD", status: "delivered" },
};

/** The demo order system: a few known orders, any other id a stable made-up one. */
export function findOrder(orderId: string): Order {
  const known = KNOWN_ORDERS[orderId];
  if (known) return known;
  const n = parseInt(createHash("sha256").update(orderId).digest("hex").slice(0, 8), 16);
  return {
    orderId,
    customerName: "Alex Kim",
    customerEmail: `customer-${orderId}@example.com`,
    total: 20 + (n % 480),
    currency: "USD",
    status: "delivered",
  };
}

const lookupArgs = z.object({ orderId: z.string().min(1).max(100).describe("The order number") });
const refundArgs = z.object({
  orderId: z.string().min(1).max(100).describe("The order to refund"),
  amount: z.number().positive().max(1_000_000).describe("Amount to refund"),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .describe("ISO currency code"),
  reason: z.string().min(1).max(2000).describe("Why the customer is refunded"),
});
const emailArgs = z.object({
  to: z.string().email().describe("Recipient"),
  subject: z.string().min(1).max(300).describe("Subject line"),
  body: z.string().min(1).max(20_000).describe("Plain-text body"),
});

const lookupOrder = tool(async ({ orderId }) => JSON.stringify(findOrder(orderId)), {
  name: "lookup_order",
  description: "Reads an order: customer, total, currency, status.",
  schema: lookupArgs,
});

// Side effects are keyed by run and tool call: a re-run of the tools node never repeats them.
const issueRefund = tool(
  async (args, runtime) => {
    const order = findOrder(args.orderId);
    if (args.amount > order.total) throw new Error(`The refund (${args.amount}) exceeds the order total (${order.total}).`);
    const { runId } = runContext();
    const refund = await once(`ops-agent:${runId}:refund:${runtime.toolCall?.id ?? args.orderId}`, () => ({ ...args }));
    return JSON.stringify({ refunded: true, ...refund });
  },
  { name: "issue_refund", description: "Refunds an order (all or part of its total) to the customer.", schema: refundArgs },
);

const sendEmail = tool(
  async (args, runtime) => {
    const { runId, teamId } = runContext();
    const key = `ops-agent:${runId}:email:${runtime.toolCall?.id ?? args.to}`;
    const sent = await once(key, async (tx) => {
      const message = await enqueueMail(tx, {
        teamId,
        to: args.to,
        subject: args.subject,
        text: args.body,
        dedupeKey: key,
        outbound: true,
      });
      return { messageId: message.id, to: args.to };
    });
    return JSON.stringify({ sent: true, ...sent });
  },
  { name: "send_email", description: "Sends an email to a customer.", schema: emailArgs },
);

const SYSTEM_PROMPT =
  "[task:ops-agent] You are the operations agent of an online shop. Read the order with lookup_order before acting. " +
  "Refund with issue_refund only what the customer is owed, then tell the customer with send_email what was done. " +
  "If a reviewer rejects a step, do not retry it; say what happened in one sentence.";

const money = (amount: number, currency: string) => `${amount.toFixed(2)} ${currency}`;

export const opsAgentModel = createAgent({
  model: getChatModel(),
  tools: [lookupOrder, issueRefund, sendEmail],
  systemPrompt: SYSTEM_PROMPT,
  middleware: [
    humanInTheLoopMiddleware({
      interruptOn: {
        lookup_order: false,
        issue_refund: {
          allowedDecisions: ["approve", "edit", "reject"],
          argsSchema: gateJsonSchema(refundArgs),
          description: (call) =>
            `Refund ${money(Number(call.args.amount), String(call.args.currency))} for order ${String(call.args.orderId)}.`,
        },
        send_email: {
          allowedDecisions: ["approve", "edit", "reject"],
          argsSchema: gateJsonSchema(emailArgs),
          description: (call) => `Email ${String(call.args.to)}: “${String(call.args.subject)}”.`,
        },
      },
    }),
  ],
});

const lastToolResult = (messages: BaseMessage[]) => {
  const last = messages.at(-1);
  return last && ToolMessage.isInstance(last) ? last : null;
};

/**
 * The offline model's policy, one turn at a time: look the order up, propose the refund, then
 * (with what was really refunded, edits included) propose the customer email, then report.
 */
export function plan(_data: Record<string, unknown>, context: OfflineReplyContext) {
  const { messages } = context;
  const request = messages.find((m) => m.getType() === "human")?.text ?? "";
  const result = lastToolResult(messages);
  if (!result) {
    const orderId = /order\s*#?\s*([A-Za-z0-9-]{3,})/i.exec(request)?.[1] ?? /\b(\d{3,})\b/.exec(request)?.[1];
    if (!orderId) return "Which order is this about? Please give me the order number.";
    return callTools([{ name: "lookup_order", args: { orderId } }], context);
  }
  const failed = result.status === "error";
  const data = failed ? {} : (JSON.parse(result.text) as Record<string, unknown>);
  switch (result.name) {
    case "lookup_order": {
      const order = data as unknown as Order;
      const reason = request.trim().slice(0, 300) || "Customer request";
      return callTools(
        [{ name: "issue_refund", args: { orderId: order.orderId, amount: order.total, currency: order.currency, reason } }],
        context,
      );
    }
    case "issue_refund": {
      if (failed) return `I did not refund the order: ${result.text}`;
      const order = findOrder(String(data.orderId));
      const amount = money(Number(data.amount), String(data.currency));
      const body = `Hi ${order.customerName.split(" ")[0]},\n\nWe have refunded ${amount} for your order ${order.orderId}. It reaches your account in 3-5 business days.\n\nBest regards`;
      return callTools(
        [{ name: "send_email", args: { to: order.customerEmail, subject: `Your refund for order ${order.orderId}`, body } }],
        context,
      );
    }
    case "send_email":
      return failed
        ? `The refund went through, but I did not email the customer: ${result.text}`
        : `Done: refunded and emailed ${String(data.to)}.`;
    default:
      return "Done.";
  }
}

export const opsAgent = defineAgentWorkflow({
  id: "ops-agent",
  name: "Ops agent",
  description:
    "A LangChain agent (createAgent + humanInTheLoopMiddleware) that handles a customer request: it looks the order up, and every refund and email it wants to make waits for approval in `ops`.",
  inputSchema: z.object({ request: z.string().trim().min(1).max(5000) }),
  agent: opsAgentModel,
  messages: (input) => [{ role: "user", content: input.request }],
  queue: "ops",
  summarize: (input) => `“${input.request.length > 80 ? `${input.request.slice(0, 79)}…` : input.request}”`,
  offlineReplies: { "ops-agent": plan },
});
