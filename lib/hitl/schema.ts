import { z } from "zod";

/** A zod 4 schema: the one source of a gate's payload type, its JSON Schema and its resume parsing. */
export type GateSchema = z.ZodType;
export type JsonSchemaObject = Record<string, unknown>;

export function isZodSchema(value: unknown): value is z.ZodType {
  if (typeof value !== "object" || value === null) return false;
  if ("_zod" in value) return true;
  if ("safeParse" in value) throw new GateError("Gate schemas must be zod 4 schemas (import { z } from 'zod').");
  return false;
}

const cache = new WeakMap<z.ZodType, JsonSchemaObject>();

/**
 * The JSON Schema reviewers see and the engine checks edits against, derived from the zod schema
 * (its input side: what a person types before transforms). Draft-07 so every validator reads it.
 * Refinements (`.refine`) have no JSON Schema form: they are checked when the node resumes.
 */
export function gateJsonSchema(schema: z.ZodType): JsonSchemaObject {
  let json = cache.get(schema);
  if (!json) {
    const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: "input", target: "draft-7", unrepresentable: "any" });
    json = rest as JsonSchemaObject;
    cache.set(schema, json);
  }
  return json;
}

/**
 * A gate declared wrongly (or an edit its schema refuses after the JSON Schema let it through):
 * running the node again cannot help, so the engine fails the run at once with this message.
 */
export class GateError extends Error {
  readonly permanent = true;
  constructor(message: string) {
    super(message);
    this.name = "GateError";
  }
}

export class GatePayloadError extends GateError {
  constructor(
    readonly which: "draft" | "edit",
    readonly issues: z.core.$ZodIssue[],
  ) {
    const paths = issues.map((i) => `${["payload", ...i.path.map(String)].join(".")}: ${i.message}`).join("; ");
    super(
      which === "draft"
        ? `The gate's drafted payload does not match its own schema: ${paths}`
        : `The human's edit does not match the gate's schema: ${paths}`,
    );
    this.name = "GatePayloadError";
  }
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown, which: "draft" | "edit"): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new GatePayloadError(which, parsed.error.issues);
  return parsed.data;
}
