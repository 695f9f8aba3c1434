"use client";

import { useId, useState } from "react";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { Textarea } from "@/components/ui/textarea";
import { fieldKind, type FormErrors, type JsonSchema } from "./json-schema";
import { SchemaField } from "./schema-field";

export type { FormErrors, JsonSchema } from "./json-schema";
export { emptyValue } from "./json-schema";
export { errorsFromMessage, validateJsonSchema } from "./json-schema-validate";

export interface JsonSchemaFormProps {
  schema: JsonSchema;
  value: unknown;
  onChange: (value: unknown) => void;
  /** Field errors keyed by dotted path ("leads.3.email"; "" = the whole value). */
  errors?: FormErrors;
  disabled?: boolean;
  /** Prefix for the fields' DOM ids when several forms share a page. */
  idPrefix?: string;
  /** Extra content for the top-right of the tab bar (e.g. helpers). */
  toolbar?: React.ReactNode;
}

/**
 * A form generated from a JSON Schema (objects, strings, numbers, booleans, enums, arrays with
 * add/remove rows), with a "Raw JSON" tab for anything the form cannot express. Controlled:
 * the parent owns `value` and decides when to validate (see `validateJsonSchema`).
 */
export function JsonSchemaForm({ schema, value, onChange, errors = {}, disabled, idPrefix, toolbar }: JsonSchemaFormProps) {
  const generated = useId();
  const prefix = idPrefix ?? `jsf${generated.replace(/[^a-zA-Z0-9]/g, "")}`;
  const [tab, setTab] = useState(fieldKind(schema) === "json" ? "raw" : "form");
  // `source` is the value the raw text shows; a change made elsewhere (a helper) re-syncs it.
  const [raw, setRaw] = useState<{ text: string; error: string | null; source: unknown }>({ text: "", error: null, source: undefined });
  if (tab === "raw" && value !== raw.source && !raw.error) {
    setRaw({ text: JSON.stringify(value ?? {}, null, 2), error: null, source: value });
  }

  const openTab = (next: string) => {
    if (next === "raw") setRaw({ text: JSON.stringify(value ?? {}, null, 2), error: null, source: value });
    if (next === "form" && raw.error) return; // stay until the JSON parses
    setTab(next);
  };

  return (
    <Tabs value={tab} onValueChange={openTab} className="gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <TabsList aria-label="Input mode">
          <TabsTrigger value="form" disabled={fieldKind(schema) === "json"}>
            Form
          </TabsTrigger>
          <TabsTrigger value="raw">Raw JSON</TabsTrigger>
        </TabsList>
        {toolbar}
      </div>
      <TabsContent value="form" className="grid gap-5">
        <SchemaField
          schema={schema}
          name=""
          path=""
          value={value}
          onChange={onChange}
          errors={errors}
          required
          idPrefix={prefix}
          disabled={disabled}
        />
      </TabsContent>
      <TabsContent value="raw" className="grid gap-2">
        <label htmlFor={`${prefix}-raw`} className="sr-only">
          Raw JSON
        </label>
        <Textarea
          id={`${prefix}-raw`}
          className="min-h-72 font-mono text-xs leading-relaxed"
          spellCheck={false}
          disabled={disabled}
          value={raw.text}
          aria-invalid={raw.error ? true : undefined}
          aria-describedby={`${prefix}-raw-status`}
          onChange={(e) => {
            const text = e.target.value;
            try {
              const parsed: unknown = JSON.parse(text);
              setRaw({ text, error: null, source: parsed });
              onChange(parsed);
            } catch (err) {
              setRaw({ text, error: (err as Error).message, source: value });
            }
          }}
        />
        <p
          id={`${prefix}-raw-status`}
          className={raw.error ? "text-xs text-destructive" : "text-xs text-muted-foreground"}
          role={raw.error ? "alert" : undefined}
        >
          {raw.error ? `Not valid JSON yet: ${raw.error}` : "Edits here update the form. Fix any JSON error before going back to the form."}
        </p>
        {Object.keys(errors).length > 0 && (
          <ul className="grid gap-0.5 text-xs text-destructive">
            {Object.entries(errors)
              .slice(0, 10)
              .map(([path, message]) => (
                <li key={path}>
                  <code className="font-mono">{path || "(value)"}</code>: {message}
                </li>
              ))}
          </ul>
        )}
      </TabsContent>
    </Tabs>
  );
}
