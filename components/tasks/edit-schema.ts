import type { JsonSchema } from "@/components/forms/json-schema-form";

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export interface FixedField {
  key: string;
  label: string;
  value: unknown;
}

/**
 * Splits a task schema into what the reviewer may change and what the agent fixed (`const` or
 * `readOnly` properties, e.g. a refund's order id): the fixed fields are shown, not edited, and
 * merged back into the value that is sent.
 */
export function splitEditSchema(schema: JsonSchema | null, original: unknown) {
  const root: JsonSchema = schema ?? {};
  if (!root.properties || !isRecord(original)) return { editable: root, fixed: [] as FixedField[] };
  const fixed: FixedField[] = [];
  const properties: Record<string, JsonSchema> = {};
  for (const [key, sub] of Object.entries(root.properties)) {
    if ("const" in sub || sub.readOnly === true)
      fixed.push({ key, label: sub.title ?? key, value: "const" in sub ? sub.const : original[key] });
    else properties[key] = sub;
  }
  const fixedKeys = new Set(fixed.map((f) => f.key));
  const editable: JsonSchema = { ...root, properties, required: root.required?.filter((k) => !fixedKeys.has(k)) };
  return { editable, fixed };
}

export function withoutKeys(value: unknown, keys: string[]): unknown {
  if (!isRecord(value)) return value;
  const out = { ...value };
  for (const k of keys) delete out[k];
  return out;
}

export function withFixed(value: unknown, fixed: FixedField[]): unknown {
  if (!isRecord(value) || fixed.length === 0) return value;
  return { ...value, ...Object.fromEntries(fixed.map((f) => [f.key, f.value])) };
}

/** Field path → the schema's title, for labelling diffs ("amount" → "Amount (≤ 120)"). */
export function schemaLabels(schema: JsonSchema | null, prefix = ""): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [key, sub] of Object.entries(schema?.properties ?? {})) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (sub.title) labels[path] = sub.title;
    Object.assign(labels, schemaLabels(sub, path));
  }
  return labels;
}
