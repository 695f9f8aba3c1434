export interface FieldChange {
  path: string;
  before: unknown;
  after: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Field-level changes between two JSON values, in the same shape as the server's feedback diff
 * (lib/feedback computeDiff): objects are walked, everything else is compared whole.
 */
export function jsonChanges(before: unknown, after: unknown, path = ""): FieldChange[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => jsonChanges(before[k], after[k], path ? `${path}.${k}` : k));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path: path || "(root)", before, after }];
}

/** Text worth a line diff rather than "old → new". */
export function isLongText(value: unknown): value is string {
  return typeof value === "string" && (value.includes("\n") || value.length > 80);
}

export function display(value: unknown): string {
  if (value === undefined) return "(none)";
  return typeof value === "string" ? value : JSON.stringify(value, null, 2);
}
