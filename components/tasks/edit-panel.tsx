"use client";

import { LockIcon, RotateCcwIcon } from "lucide-react";
import { JsonSchemaForm, type FormErrors, type JsonSchema } from "@/components/forms/json-schema-form";
import { Button } from "@/components/ui/button";
import { Kbd } from "@/components/ui/kbd";
import type { FixedField } from "./edit-schema";

/**
 * The edit form: fixed fields read-only, the rest as a schema form (with a raw-JSON tab).
 * `value` is the editable part only; the caller merges the fixed fields back (withFixed).
 */
export function EditPanel({
  editable,
  fixed,
  value,
  onChange,
  errors,
  dirty,
  pending,
  onReview,
  onReset,
  onCancel,
}: {
  editable: JsonSchema;
  fixed: FixedField[];
  value: unknown;
  onChange: (value: unknown) => void;
  errors: FormErrors;
  dirty: boolean;
  pending: boolean;
  onReview: () => void;
  onReset: () => void;
  onCancel: () => void;
}) {
  return (
    <form
      aria-label="Edit the proposed action"
      className="grid gap-5 rounded-xl border bg-card p-4 sm:p-5"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onReview();
      }}
    >
      {fixed.length > 0 && (
        <dl className="grid gap-x-4 gap-y-1.5 rounded-lg bg-muted/40 px-3 py-2.5 text-sm sm:grid-cols-[auto_1fr]">
          {fixed.map((f) => (
            <div key={f.key} className="contents">
              <dt className="flex items-center gap-1.5 text-muted-foreground">
                <LockIcon className="size-3" aria-hidden />
                {f.label}
              </dt>
              <dd className="min-w-0 truncate font-medium">{typeof f.value === "string" ? f.value : JSON.stringify(f.value)}</dd>
            </div>
          ))}
          <p className="text-xs text-muted-foreground sm:col-span-2">Set by the agent; not editable.</p>
        </dl>
      )}
      <JsonSchemaForm
        schema={editable}
        value={value}
        onChange={onChange}
        errors={errors}
        disabled={pending}
        idPrefix="edit"
        toolbar={
          <Button type="button" variant="ghost" size="sm" onClick={onReset} disabled={!dirty || pending}>
            <RotateCcwIcon />
            Reset
          </Button>
        }
      />
      {errors[""] && (
        <p role="alert" className="text-sm text-destructive">
          {errors[""]}
        </p>
      )}
      <div className="flex flex-col-reverse gap-2 border-t pt-4 sm:flex-row sm:justify-end">
        <Button type="button" variant="outline" onClick={onCancel} disabled={pending}>
          Cancel
          <Kbd className="hidden sm:inline-flex">Esc</Kbd>
        </Button>
        <Button type="submit" disabled={pending}>
          Review changes
        </Button>
      </div>
    </form>
  );
}
