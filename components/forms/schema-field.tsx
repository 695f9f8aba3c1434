"use client";

import { Label } from "@/components/ui/label";
import { cn } from "@/lib/utils";
import { ArrayField } from "./array-field";
import { fieldId, fieldKind, isPlainObject, joinPath, labelFor, unwrapNullable, type FormErrors, type JsonSchema } from "./json-schema";
import { ScalarControl } from "./scalar-control";

export interface FieldProps {
  schema: JsonSchema;
  /** The property name (or row label) the label is derived from. */
  name: string;
  path: string;
  value: unknown;
  onChange: (value: unknown) => void;
  errors: FormErrors;
  required: boolean;
  idPrefix: string;
  disabled?: boolean;
}

export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="text-xs text-destructive" role="alert">
      {message}
    </p>
  );
}

/** Renders the control for one schema node with its label, description and error. */
export function SchemaField(props: FieldProps) {
  const { schema } = unwrapNullable(props.schema);
  const kind = fieldKind(schema);
  if (kind === "object") return <ObjectField {...props} schema={schema} />;
  if (kind === "array") return <ArrayField {...props} schema={schema} />;

  const id = fieldId(props.idPrefix, props.path);
  const error = props.errors[props.path];
  const label = labelFor(schema, props.name);
  const describedBy = [schema.description && `${id}-desc`, error && `${id}-err`].filter(Boolean).join(" ") || undefined;
  const control = (
    <ScalarControl
      schema={schema}
      value={props.value}
      onChange={props.onChange}
      id={id}
      invalid={Boolean(error)}
      describedBy={describedBy}
      disabled={props.disabled}
      required={props.required}
    />
  );
  if (kind === "boolean") {
    return (
      <div className="grid gap-1.5">
        <div className="flex items-center gap-3">
          {control}
          <Label htmlFor={id}>{label}</Label>
        </div>
        {schema.description && <FieldDescription id={`${id}-desc`}>{schema.description}</FieldDescription>}
        <FieldError id={`${id}-err`} message={error} />
      </div>
    );
  }
  return (
    <div className="grid gap-1.5">
      <FieldLabel htmlFor={id} label={label} required={props.required} />
      {control}
      {schema.description && <FieldDescription id={`${id}-desc`}>{schema.description}</FieldDescription>}
      <FieldError id={`${id}-err`} message={error} />
    </div>
  );
}

export function FieldLabel({ htmlFor, label, required }: { htmlFor?: string; label: string; required: boolean }) {
  return (
    <Label htmlFor={htmlFor} className="gap-1">
      {label}
      {required ? (
        <span className="text-destructive" aria-hidden>
          *
        </span>
      ) : (
        <span className="text-xs font-normal text-muted-foreground">optional</span>
      )}
    </Label>
  );
}

export function FieldDescription({ id, children }: { id: string; children: React.ReactNode }) {
  return (
    <p id={id} className="text-xs text-muted-foreground">
      {children}
    </p>
  );
}

/** An object: its properties in schema order. The root object has no frame of its own. */
function ObjectField(props: FieldProps) {
  const { schema, path } = props;
  const value = isPlainObject(props.value) ? props.value : {};
  const fields = Object.entries(schema.properties ?? {}).map(([key, sub]) => (
    <SchemaField
      key={key}
      schema={sub}
      name={key}
      path={joinPath(path, key)}
      value={value[key]}
      onChange={(v) => {
        const next = { ...value };
        // A cleared optional field is left out, not sent as "" (which would fail minLength).
        if (v === undefined || (v === "" && !schema.required?.includes(key))) delete next[key];
        else next[key] = v;
        props.onChange(next);
      }}
      errors={props.errors}
      required={schema.required?.includes(key) ?? false}
      idPrefix={props.idPrefix}
      disabled={props.disabled}
    />
  ));
  const error = props.errors[path];
  if (path === "") {
    return (
      <div className="grid gap-5">
        {fields}
        <FieldError id={`${fieldId(props.idPrefix, path)}-err`} message={error} />
      </div>
    );
  }
  return (
    <fieldset className={cn("grid gap-4 rounded-lg border p-4", error && "border-destructive/60")}>
      <legend className="-ml-1 px-1 text-sm font-medium">
        {labelFor(schema, props.name)}
        {!props.required && <span className="ml-1.5 text-xs font-normal text-muted-foreground">optional</span>}
      </legend>
      {schema.description && <FieldDescription id={`${fieldId(props.idPrefix, path)}-desc`}>{schema.description}</FieldDescription>}
      {fields}
      <FieldError id={`${fieldId(props.idPrefix, path)}-err`} message={error} />
    </fieldset>
  );
}
