import { linearRegExp } from "@/lib/linear-regex";
import { fieldKind, isPlainObject, joinPath, labelFor, unwrapNullable, type FormErrors, type JsonSchema } from "./json-schema";

/** /^[^\s@]+@[^\s@]+\.[^\s@]+$/ without the regex, which backtracks quadratically on "a@" + many dots. */
function looksLikeEmail(v: string) {
  if (/\s/.test(v)) return false;
  const at = v.indexOf("@");
  if (at < 1 || v.includes("@", at + 1)) return false;
  return v.slice(at + 2, -1).includes(".");
}

function isBlank(v: unknown) {
  return v === undefined || v === null || (typeof v === "string" && v.trim() === "");
}

function checkString(schema: JsonSchema, v: string): string | null {
  if (schema.minLength !== undefined && v.length < schema.minLength) {
    return schema.minLength === 1 ? "Required." : `At least ${schema.minLength} characters.`;
  }
  if (schema.maxLength !== undefined && v.length > schema.maxLength) return `At most ${schema.maxLength} characters.`;
  if (schema.format === "email" && !looksLikeEmail(v.trim())) return "Enter a valid email address.";
  if (schema.pattern) {
    // The schema may come from an agent: the same linear-time engine as the server, never the
    // browser's backtracking RegExp (which `^(a+)+$` freezes).
    try {
      if (!linearRegExp(schema.pattern, "u").test(v))
        return schema.format === "email" ? "Enter a valid email address." : "Has the wrong format.";
    } catch {
      /* a pattern RE2 cannot compile is left to the server */
    }
  }
  return null;
}

function checkNumber(schema: JsonSchema, v: number, integer: boolean): string | null {
  if (!Number.isFinite(v)) return "Enter a number.";
  if (integer && !Number.isInteger(v)) return "Enter a whole number.";
  if (schema.minimum !== undefined && v < schema.minimum) return `Must be ≥ ${schema.minimum}.`;
  if (schema.exclusiveMinimum !== undefined && v <= schema.exclusiveMinimum) return `Must be > ${schema.exclusiveMinimum}.`;
  if (schema.maximum !== undefined && v > schema.maximum) return `Must be ≤ ${schema.maximum}.`;
  if (schema.exclusiveMaximum !== undefined && v >= schema.exclusiveMaximum) return `Must be < ${schema.exclusiveMaximum}.`;
  return null;
}

function walk(raw: JsonSchema, value: unknown, path: string, errors: FormErrors) {
  const { schema, nullable } = unwrapNullable(raw);
  if (value === null && nullable) return;
  if (value === undefined) return; // presence is checked by the parent's `required`
  const kind = fieldKind(schema);
  const fail = (message: string) => {
    errors[path] ??= message;
  };
  switch (kind) {
    case "const":
      if (JSON.stringify(value) !== JSON.stringify(schema.const)) fail(`Must stay ${JSON.stringify(schema.const)}.`);
      return;
    case "enum":
      if (!schema.enum!.includes(value as string | number)) fail(`Choose one of: ${schema.enum!.join(", ")}.`);
      return;
    case "string": {
      const msg = typeof value === "string" ? checkString(schema, value) : "Must be text.";
      if (msg) fail(msg);
      return;
    }
    case "number":
    case "integer": {
      const msg = typeof value === "number" ? checkNumber(schema, value, kind === "integer") : "Enter a number.";
      if (msg) fail(msg);
      return;
    }
    case "boolean":
      if (typeof value !== "boolean") fail("Must be true or false.");
      return;
    case "object": {
      if (!isPlainObject(value)) return fail("Must be an object.");
      const props = schema.properties ?? {};
      const keys = [...Object.keys(props), ...(schema.required ?? []).filter((k) => !(k in props))];
      for (const key of keys) {
        const sub = props[key] ?? {};
        if (schema.required?.includes(key) && isBlank(value[key])) errors[joinPath(path, key)] ??= `${labelFor(sub, key)} is required.`;
        else walk(sub, value[key], joinPath(path, key), errors);
      }
      return;
    }
    case "array": {
      if (!Array.isArray(value)) return fail("Must be a list.");
      if (schema.minItems !== undefined && value.length < schema.minItems) fail(`Add at least ${schema.minItems}.`);
      if (schema.maxItems !== undefined && value.length > schema.maxItems) fail(`At most ${schema.maxItems} items (${value.length} now).`);
      value.forEach((item, i) => {
        if (item === undefined || item === null) errors[joinPath(path, i)] ??= "Required.";
        else walk(schema.items!, item, joinPath(path, i), errors);
      });
      return;
    }
    default:
      return;
  }
}

/**
 * Checks required fields, types and the common constraints (length, range, format, pattern,
 * item counts) on the client. The server validates again; this only saves a round trip.
 */
export function validateJsonSchema(schema: JsonSchema, value: unknown): FormErrors {
  const errors: FormErrors = {};
  if (value === undefined) {
    errors[""] = "A value is required.";
    return errors;
  }
  walk(schema, value, "", errors);
  return errors;
}

/**
 * Reads field errors out of a server message such as
 * "input.leads.0.email: Invalid email address; input.product: Too small" (zod) or
 * "…: payload.body must NOT have fewer than 1 characters" (ajv). `prefix` is stripped.
 */
export function errorsFromMessage(message: string, prefix: string): FormErrors {
  const errors: FormErrors = {};
  const body = message.includes(": " + prefix) ? message.slice(message.indexOf(": " + prefix) + 2) : message;
  for (const part of body.split("; ")) {
    const m = part.match(new RegExp(`^${prefix.replace(/\./g, "\\.")}\\.?([\\w.]*)(?::\\s*|\\s+)(.+)$`));
    if (m) errors[m[1] ?? ""] ??= m[2]!.replace(/^./, (c) => c.toUpperCase());
  }
  return errors;
}
