const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function short(value: unknown, max = 60): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** One line that says what a run was started with, per built-in workflow, generic otherwise. */
export function summarizeRunInput(workflow: string, input: unknown): string {
  if (!isRecord(input)) return input == null ? "No input" : short(input);
  switch (workflow) {
    case "refund":
      return `${input.amount} ${input.currency} for order ${short(input.orderId, 30)} (${short(input.customerEmail, 40)})`;
    case "email-outreach": {
      const n = Array.isArray(input.leads) ? input.leads.length : 0;
      return `${n} lead${n === 1 ? "" : "s"}${input.product ? ` for ${short(input.product, 40)}` : ""}`;
    }
    case "support-triage":
      return isRecord(input.ticket) ? `Ticket “${short(input.ticket.subject, 50)}”` : "A support ticket";
    case "content-draft":
      return `Topic “${short(input.topic, 60)}”`;
    default: {
      const entries = Object.entries(input).slice(0, 3);
      return entries.length ? entries.map(([k, v]) => `${k}: ${short(v, 30)}`).join(" · ") : "Empty input";
    }
  }
}
