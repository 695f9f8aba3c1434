import type { EmailPayload } from "./email-view";
import type { RefundPayload } from "./refund-view";
import type { TicketPayload } from "./ticket-view";

export type PayloadKind =
  | { kind: "email"; value: EmailPayload }
  | { kind: "refund"; value: RefundPayload }
  | { kind: "markdown"; value: { topic?: string; markdown: string } }
  | { kind: "ticket"; value: TicketPayload }
  | { kind: "json"; value: unknown };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === "string";

/**
 * Picks a renderer from the shape of the payload (the workflow only breaks ties): agents outside
 * the built-in workflows get the same readable views when their payload looks like one.
 */
export function detectPayload(payload: unknown, workflow?: string | null): PayloadKind {
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
