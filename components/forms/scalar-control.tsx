"use client";

import { useState } from "react";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { Textarea } from "@/components/ui/textarea";
import { cn } from "@/lib/utils";
import { fieldKind, isLongText, unwrapNullable, type JsonSchema } from "./json-schema";

export interface ControlProps {
  schema: JsonSchema;
  value: unknown;
  onChange: (value: unknown) => void;
  id: string;
  invalid?: boolean;
  describedBy?: string;
  disabled?: boolean;
  /** Set when no visible <label> points at the control (table cells). */
  ariaLabel?: string;
  required?: boolean;
  /** Denser styling for table cells. */
  compact?: boolean;
}

const NONE = "__none__";

/** One input for a leaf value: text, long text, number, switch, select, or a JSON box for the rest. */
export function ScalarControl(props: ControlProps) {
  const { schema } = unwrapNullable(props.schema);
  const common = {
    id: props.id,
    disabled: props.disabled,
    "aria-invalid": props.invalid || undefined,
    "aria-describedby": props.describedBy,
    "aria-label": props.ariaLabel,
    "aria-required": props.required || undefined,
  };
  switch (fieldKind(schema)) {
    case "const":
      // A fixed value (e.g. the order id of a refund): shown, never edited.
      return (
        <Input
          {...common}
          readOnly
          aria-readonly
          className={cn("bg-muted/50 text-muted-foreground", props.compact && "h-8")}
          value={typeof schema.const === "string" ? schema.const : JSON.stringify(schema.const)}
        />
      );
    case "boolean":
      return <Switch {...common} checked={props.value === true} onCheckedChange={(v) => props.onChange(v)} />;
    case "enum": {
      const options = schema.enum as Array<string | number>;
      const current = props.value === undefined || props.value === null ? NONE : String(props.value);
      return (
        <Select
          value={current}
          disabled={props.disabled}
          onValueChange={(v) => props.onChange(v === NONE ? undefined : options.find((o) => String(o) === v))}
        >
          <SelectTrigger {...common} size={props.compact ? "sm" : "default"} className="w-full min-w-32">
            <SelectValue placeholder="Choose…" />
          </SelectTrigger>
          <SelectContent>
            {!props.required && <SelectItem value={NONE}>None</SelectItem>}
            {options.map((o) => (
              <SelectItem key={String(o)} value={String(o)}>
                {String(o)}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      );
    }
    case "number":
    case "integer":
      return (
        <Input
          {...common}
          type="number"
          inputMode="decimal"
          step={schema.type === "integer" ? 1 : "any"}
          min={schema.minimum}
          max={schema.maximum}
          className={cn(props.compact && "h-8")}
          value={typeof props.value === "number" ? props.value : ""}
          onChange={(e) => props.onChange(e.target.value === "" ? undefined : e.target.valueAsNumber)}
        />
      );
    case "string":
      if (isLongText(schema) && !props.compact) {
        return (
          <Textarea
            {...common}
            rows={schema["x-widget"] === "markdown" || schema.format === "markdown" ? 10 : 4}
            className={cn("max-h-[60vh]", (schema["x-widget"] === "markdown" || schema.format === "markdown") && "font-mono text-sm")}
            value={typeof props.value === "string" ? props.value : ""}
            maxLength={schema.maxLength}
            onChange={(e) => props.onChange(e.target.value)}
          />
        );
      }
      return (
        <Input
          {...common}
          type={schema.format === "email" ? "email" : schema.format === "uri" ? "url" : "text"}
          className={cn(props.compact && "h-8")}
          value={typeof props.value === "string" ? props.value : ""}
          maxLength={schema.maxLength}
          onChange={(e) => props.onChange(e.target.value)}
        />
      );
    default:
      return <JsonControl {...props} />;
  }
}

/** Values the form has no widget for (free-form objects, unions): edited as JSON text. */
function JsonControl(props: ControlProps) {
  const [text, setText] = useState(() => (props.value === undefined ? "" : JSON.stringify(props.value, null, 2)));
  const [bad, setBad] = useState(false);
  return (
    <Textarea
      id={props.id}
      disabled={props.disabled}
      aria-label={props.ariaLabel}
      aria-invalid={bad || props.invalid || undefined}
      aria-describedby={props.describedBy}
      className="font-mono text-xs"
      rows={3}
      spellCheck={false}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        if (e.target.value.trim() === "") {
          setBad(false);
          return props.onChange(undefined);
        }
        try {
          props.onChange(JSON.parse(e.target.value));
          setBad(false);
        } catch {
          setBad(true);
        }
      }}
    />
  );
}
