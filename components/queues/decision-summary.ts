const REASONS: Record<string, string> = {
  conflict: "already decided",
  forbidden: "not permitted",
  unprocessable: "not allowed for that task",
  not_found: "no longer found",
};

/** "98 approved, 2 already decided" from a bulk decision's outcomes. */
export function summarizeDecisions(result: { action: "approve" | "reject"; decided: string[]; failed: Array<{ code: string }> }) {
  const counts = new Map<string, number>();
  for (const f of result.failed) counts.set(REASONS[f.code] ?? "failed", (counts.get(REASONS[f.code] ?? "failed") ?? 0) + 1);
  const parts = [`${result.decided.length} ${result.action === "approve" ? "approved" : "rejected"}`];
  for (const [reason, n] of counts) parts.push(`${n} ${reason}`);
  return {
    message: parts.join(", "),
    level: result.failed.length === 0 ? "success" : result.decided.length > 0 ? "warning" : "error",
  } as const;
}
