const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function short(value: unknown, max = 60): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * One line that says what a run was started with: the workflow's own `summarize` (computed on
 * the server from the registry and passed in), else the first input fields.
 */
export function summarizeRunInput(workflow: string, input: unknown, declared?: string | null): string {
  if (declared) return declared;
  if (!isRecord(input)) return input == null ? "No input" : short(input);
  // email-outreach declares its summary once its child-run rewrite (another branch) has landed.
  if (workflow === "email-outreach" && Array.isArray(input.leads)) {
    const n = input.leads.length;
    return `${n} lead${n === 1 ? "" : "s"}${input.product ? ` for ${short(input.product, 40)}` : ""}`;
  }
  const entries = Object.entries(input).slice(0, 3);
  return entries.length ? entries.map(([k, v]) => `${k}: ${short(v, 30)}`).join(" · ") : "Empty input";
}
