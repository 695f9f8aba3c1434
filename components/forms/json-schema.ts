/**
 * The subset of JSON Schema (draft 2020-12, as zod's toJSONSchema and agents write it) that the
 * schema form understands. Anything else still round-trips through the "Raw JSON" tab.
 */
export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  default?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  /** Rendering hint: "markdown" or "textarea" for long text. */
  "x-widget"?: string;
  [key: string]: unknown;
}

export type FieldKind = "object" | "array" | "string" | "number" | "integer" | "boolean" | "enum" | "const" | "json";

/** Field errors keyed by dotted path ("leads.3.email"); "" is the value itself. */
export type FormErrors = Record<string, string>;

/** `anyOf: [X, {type: "null"}]` and `type: ["string", "null"]` are X, nullable. */
export function unwrapNullable(schema: JsonSchema): { schema: JsonSchema; nullable: boolean } {
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) {
    const nonNull = variants.filter((v) => v.type !== "null");
    if (nonNull.length === 1 && nonNull.length < variants.length)
      return { schema: { ...schema, anyOf: undefined, oneOf: undefined, ...nonNull[0] }, nullable: true };
  }
  if (Array.isArray(schema.type)) {
    const types = schema.type.filter((t) => t !== "null");
    if (types.length === 1) return { schema: { ...schema, type: types[0] }, nullable: types.length < schema.type.length };
  }
  return { schema, nullable: false };
}

export function fieldKind(raw: JsonSchema): FieldKind {
  const { schema } = unwrapNullable(raw);
  if ("const" in schema) return "const";
  if (schema.enum && schema.enum.every((v) => typeof v === "string" || typeof v === "number")) return "enum";
  const type = typeof schema.type === "string" ? schema.type : schema.properties ? "object" : schema.items ? "array" : undefined;
  switch (type) {
    case "object":
      return schema.properties ? "object" : "json";
    case "array":
      return schema.items ? "array" : "json";
    case "string":
    case "number":
    case "integer":
    case "boolean":
      return type;
    default:
      return "json";
  }
}

/** Long text gets a textarea: an explicit widget, markdown, or room for more than a line. */
export function isLongText(schema: JsonSchema): boolean {
  const widget = schema["x-widget"];
  if (widget === "markdown" || widget === "textarea" || schema.format === "markdown") return true;
  return (schema.maxLength ?? 0) > 300;
}

/** "customerEmail" → "Customer email", "order_id" → "Order id". */
export function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .trim()
    .toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : key;
}

export function labelFor(schema: JsonSchema, key: string): string {
  return schema.title ?? humanize(key);
}

/** A fresh value for a new field or array row: the default, else an empty shape. */
export function emptyValue(raw: JsonSchema): unknown {
  const { schema } = unwrapNullable(raw);
  if (schema.default !== undefined) return structuredClone(schema.default);
  if ("const" in schema) return structuredClone(schema.const);
  switch (fieldKind(schema)) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [k, s] of Object.entries(schema.properties ?? {})) {
        if (schema.required?.includes(k)) out[k] = emptyValue(s);
      }
      return out;
    }
    case "array":
      return [];
    case "boolean":
      return false;
    case "string":
      return "";
    default:
      return undefined;
  }
}

export function joinPath(base: string, key: string | number): string {
  return base ? `${base}.${key}` : String(key);
}

/** A DOM id for the field at `path`. */
export function fieldId(prefix: string, path: string): string {
  return `${prefix}-${path.replace(/[^a-zA-Z0-9_-]/g, "_") || "root"}`;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
