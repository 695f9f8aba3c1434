import { compare } from "fast-json-patch";
import type { JsonPatchOperation } from "@/lib/contract";
import { boundedTwoFilesPatch } from "@/lib/diff/bounded";

/**
 * What an edit changed, three ways: field changes (for the dashboard), an RFC 6902 JSON Patch
 * (original → edited, for tools and training pipelines) and a unified text diff per changed field.
 */

export interface FieldChange {
  path: string;
  before: unknown;
  after: unknown;
}

const isObj = (v: unknown): v is Record<string, unknown> => Boolean(v) && typeof v === "object" && !Array.isArray(v);

/** Field-level changes between two JSON values (objects are walked, everything else compared). */
export function jsonChanges(before: unknown, after: unknown, path = ""): FieldChange[] {
  if (isObj(before) && isObj(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => jsonChanges(before[k], after[k], path ? `${path}.${k}` : k));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path: path || "(root)", before, after }];
}

function pretty(value: unknown) {
  return typeof value === "string" ? value : JSON.stringify(value, null, 2);
}

/**
 * The diff saved with every edit: field changes plus a unified text diff per changed field. It runs
 * inside the decide transaction, so its cost is bounded (lib/diff/bounded).
 */
export function computeDiff(original: unknown, edited: unknown) {
  const changes = jsonChanges(original, edited);
  const unified = changes
    .map((c) => boundedTwoFilesPatch(`original/${c.path}`, `edited/${c.path}`, pretty(c.before ?? "") + "\n", pretty(c.after ?? "") + "\n"))
    .join("\n");
  return { changes, unified };
}

export type JsonPatch = JsonPatchOperation[];

/**
 * The RFC 6902 patch that turns `original` into `edited`. Two objects or two arrays are compared
 * member by member; anything else (a string artifact, a type change) is one `replace` of the root.
 */
export function jsonPatch(original: unknown, edited: unknown): JsonPatch {
  if (JSON.stringify(original) === JSON.stringify(edited)) return [];
  const sameShape = (isObj(original) && isObj(edited)) || (Array.isArray(original) && Array.isArray(edited));
  if (!sameShape) return [{ op: "replace", path: "", value: edited }];
  // JSON round trip: the patch must hold plain JSON values (no shared references to `edited`).
  return JSON.parse(JSON.stringify(compare(original as object, edited as object))) as JsonPatch;
}
