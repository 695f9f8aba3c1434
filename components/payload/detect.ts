import type { EmailPayload } from "./email-view";
import type { RefundPayload } from "./refund-view";
import type { TicketPayload } from "./ticket-view";
import type { ToolCallPayload } from "./tool-call-view";

export type PayloadKind =
  | { kind: "email"; value: EmailPayload }
  | { kind: "refund"; value: RefundPayload }
  | { kind: "markdown"; value: { topic?: string; markdown: string } }
  | { kind: "ticket"; value: TicketPayload }
  | { kind: "tool-call"; value: ToolCallPayload }
  | { kind: "json"; value: unknown };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === "string";

/**
 * Picks a renderer from the shape of the payload (the workflow only breaks ties): agents outside
 * the built-in workflows get the same readable views when their payload looks like one.
 */
export function detectPayload(payload: unknown, workflow?: string | null, schema?: Record<string, unknown> | null): PayloadKind {
  // An agent's tool call (LangChain tool-call review): the engine marks its schema with the tool.
  if (schema?.["x-acl-view"] === "tool-call" && isString(schema["x-acl-tool"]) && isRecord(payload)) {
    return { kind: "tool-call", value: { tool: schema["x-acl-tool"], args: inSchemaOrder(payload, schema), labels: argLabels(schema) } };
  }
  if (!isRecord(payload)) return { kind: "json", value: payload };
  const p = payload;
  if (isString(p.to) && isString(p.subject) && isString(p.body)) {
    return { kind: "email", value: { to: p.to, subject: p.subject, body: p.body, cc: isString(p.cc) ? p.cc : undefined } };
  }
  if (typeof p.amount === "number" && isString(p.currency) && (workflow === "refund" || "orderId" in p)) {
    return {
      kind: "refund",
      value: {
        amount: p.amount,
        currency: p.currency,
        orderId: isString(p.orderId) ? p.orderId : undefined,
        customerEmail: isString(p.customerEmail) ? p.customerEmail : undefined,
        reason: isString(p.reason) ? p.reason : undefined,
      },
    };
  }
  if (isString(p.markdown)) return { kind: "markdown", value: { topic: isString(p.topic) ? p.topic : undefined, markdown: p.markdown } };
  if (isRecord(p.ticket) && isString(p.ticket.subject) && isString(p.ticket.body)) {
    const guess = isRecord(p.guess) ? p.guess : undefined;
    return {
      kind: "ticket",
      value: {
        ticket: { subject: p.ticket.subject, body: p.ticket.body },
        guess: guess && {
          category: isString(guess.category) ? guess.category : undefined,
          confidence: typeof guess.confidence === "number" ? guess.confidence : undefined,
        },
      },
    };
  }
  return { kind: "json", value: payload };
}

function argLabels(schema: Record<string, unknown>): Record<string, string> {
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const labels: Record<string, string> = {};
  for (const [name, sub] of Object.entries(properties)) {
    if (!isRecord(sub)) continue;
    const label = isString(sub.description) ? sub.description : isString(sub.title) ? sub.title : null;
    if (label) labels[name] = label;
  }
  return labels;
}

// Stored JSON (jsonb) does not keep key order: show arguments in the order the tool declares them.
function inSchemaOrder(args: Record<string, unknown>, schema: Record<string, unknown>): Record<string, unknown> {
  const declared = isRecord(schema.properties) ? Object.keys(schema.properties) : [];
  const keys = [...declared.filter((k) => k in args), ...Object.keys(args).filter((k) => !declared.includes(k))];
  return Object.fromEntries(keys.map((k) => [k, args[k]]));
}
