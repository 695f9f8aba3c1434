import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { createHash } from "node:crypto";
import type { FieldFailure } from "@/lib/contract";
import { AppError } from "@/lib/errors";
import { linearRegExp } from "@/lib/linear-regex";

/** Agents' schemas are small; these bounds keep compiling and validating cheap. */
export const SCHEMA_LIMITS = { maxBytes: 32_768, maxDepth: 32, cached: 500 } as const;

const regExp = Object.assign((pattern: string, flags: string) => linearRegExp(pattern, flags), { code: "linearRegExp" });
const ajv = new Ajv({ allErrors: true, strict: false, code: { regExp } });
addFormats(ajv);

// Ajv's uniqueItems compares every pair of items: 20,000 distinct objects took 67 s. This keeps
// its meaning (JSON equality: key order does not matter) in linear time.
ajv.removeKeyword("uniqueItems");
ajv.addKeyword({
  keyword: "uniqueItems",
  type: "array",
  schemaType: "boolean",
  error: { message: "must NOT have duplicate items" },
  validate: (unique: boolean, data: unknown[]) => !unique || new Set(data.map(canonicalJson)).size === data.length,
});

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** Compiled validators by schema hash, least recently used dropped first. */
const cache = new Map<string, ValidateFunction>();

function depthOf(schema: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[schema, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (!node || typeof node !== "object") continue;
    deepest = Math.max(deepest, depth);
    if (deepest > SCHEMA_LIMITS.maxDepth) return deepest;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * The compiled validator of a JSON Schema, compiled once per distinct schema. Throws a plain
 * Error whose message completes "schema: …" (too large, too deep, invalid, an unsupported pattern).
 */
function compile(schema: Record<string, unknown>): ValidateFunction {
  const json = JSON.stringify(schema);
  const key = createHash("sha256").update(json).digest("base64url");
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  if (json.length > SCHEMA_LIMITS.maxBytes) throw new Error(`too large (${json.length} bytes; at most ${SCHEMA_LIMITS.maxBytes})`);
  if (depthOf(schema) > SCHEMA_LIMITS.maxDepth) throw new Error(`nested more than ${SCHEMA_LIMITS.maxDepth} levels deep`);
  // A private copy: Ajv keeps schemas by object identity and refuses a second schema with the same
  // $id, so each compiled schema is removed from Ajv again (the validator keeps working).
  const copy = JSON.parse(json) as Record<string, unknown>;
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(copy);
  } catch (err) {
    const message = (err as Error).message;
    throw new Error(message.startsWith("pattern ") ? message : `not a valid JSON Schema (${message})`);
  } finally {
    ajv.removeSchema(copy);
  }
  cache.set(key, validate);
  if (cache.size > SCHEMA_LIMITS.cached) cache.delete(cache.keys().next().value!);
  return validate;
}

/**
 * Validates an edited payload against a task's JSON Schema: null when it matches, else every
 * failing path (relative to the request body, e.g. "payload.amount").
 */
export function matchSchema(schema: Record<string, unknown>, value: unknown): { message: string; failures: FieldFailure[] } | null {
  let validate: ValidateFunction;
  try {
    validate = compile(schema);
  } catch (err) {
    throw new AppError("unprocessable", `The task's schema cannot be used: ${(err as Error).message}`);
  }
  if (validate(value)) return null;
  const failures = (validate.errors ?? []).map((e) => {
    const path = e.instancePath ? e.instancePath.slice(1).replaceAll("/", ".") : "";
    const missing = e.keyword === "required" ? String((e.params as { missingProperty?: string }).missingProperty) : "";
    const extra = e.keyword === "additionalProperties" ? String((e.params as { additionalProperty?: string }).additionalProperty) : "";
    const field = ["payload", path, missing || extra].filter(Boolean).join(".");
    return { path: field, message: e.message ?? "is invalid" };
  });
  return {
    message: `The edited payload does not match the task's schema: ${failures.map((f) => `${f.path} ${f.message}`).join("; ")}`,
    failures,
  };
}

/** Checks a JSON Schema given by an agent (size, depth, validity, patterns) before a task is created with it. */
export function assertValidSchema(schema: Record<string, unknown>) {
  try {
    compile(schema);
  } catch (err) {
    throw new AppError("invalid_request", `schema: ${(err as Error).message}`);
  }
}
