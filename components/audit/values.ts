/** A value in one short line: `"Looks good"`, `3`, `[2 items]`, `{…}`, or "—" when absent. */
export function shortValue(value: unknown, max = 48): string {
  if (value === undefined) return "—";
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value.length > max ? `${value.slice(0, max - 1)}…` : value);
  if (Array.isArray(value)) return `[${value.length} item${value.length === 1 ? "" : "s"}]`;
  if (typeof value === "object") return "{…}";
  return String(value);
}

export type BeforeAfter = { before?: unknown; after?: unknown; rest: Record<string, unknown> };

/** Splits an event's data into its before/after states and the rest (context such as runId). */
export function splitData(data: Record<string, unknown>): BeforeAfter {
  const { before, after, ...rest } = data;
  return { before, after, rest };
}

export const hasBeforeAfter = (d: BeforeAfter) => d.before !== undefined || d.after !== undefined;

/** For an edit decision: the drafted payload and the reviewer's version, to show what changed. */
export function decisionEdits(d: BeforeAfter): { before: unknown; after: unknown } | null {
  const before = d.before as { payload?: unknown } | undefined;
  const after = d.after as { decision?: { action?: string; payload?: unknown } } | undefined;
  if (after?.decision?.action !== "edit" || before?.payload === undefined || after.decision.payload === undefined) return null;
  return { before: before.payload, after: after.decision.payload };
}
