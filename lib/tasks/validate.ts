import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import type { FieldFailure } from "@/lib/contract";
import { AppError } from "@/lib/errors";

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const cache = new Map<string, ValidateFunction>();

/**
 * Validates an edited payload against a task's JSON Schema: null when it matches, else every
 * failing path (relative to the request body, e.g. "payload.amount").
 */
export function matchSchema(schema: Record<string, unknown>, value: unknown): { message: string; failures: FieldFailure[] } | null {
  const key = JSON.stringify(schema);
  let validate = cache.get(key);
  if (!validate) {
    try {
      validate = ajv.compile(schema);
    } catch (err) {
      throw new AppError("unprocessable", `The task's schema is invalid: ${(err as Error).message}`);
    }
    if (cache.size > 500) cache.clear();
    cache.set(key, validate);
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

/** Checks that a JSON Schema given by an agent compiles, before a task is created with it. */
export function assertValidSchema(schema: Record<string, unknown>) {
  try {
    ajv.compile(schema);
  } catch (err) {
    throw new AppError("invalid_request", `schema: not a valid JSON Schema (${(err as Error).message})`);
  }
}
