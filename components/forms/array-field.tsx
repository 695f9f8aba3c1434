"use client";

import { memo, useCallback, useEffect, useRef, useState } from "react";
import { PlusIcon, Trash2Icon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";
import { emptyValue, fieldId, fieldKind, joinPath, labelFor, type FormErrors, type JsonSchema } from "./json-schema";
import { ScalarControl } from "./scalar-control";
import { FieldDescription, FieldError, SchemaField, type FieldProps } from "./schema-field";

const PAGE = 25;

/** Objects whose properties are all single inputs render as a compact table (a row per item). */
function isFlatObject(schema: JsonSchema) {
  if (fieldKind(schema) !== "object") return false;
  const props = Object.values(schema.properties ?? {});
  return props.length > 0 && props.length <= 6 && props.every((p) => !["object", "array", "json"].includes(fieldKind(p)));
}

/** "leads" → "lead", for the add button; anything else stays "row". */
function singular(name: string) {
  return /^[a-z]+s$/i.test(name) && !name.endsWith("ss") ? name.slice(0, -1).toLowerCase() : "row";
}

export function ArrayField(props: FieldProps) {
  const { schema, path } = props;
  const items = Array.isArray(props.value) ? props.value : [];
  const itemSchema = schema.items ?? {};
  const [showAll, setShowAll] = useState(false);
  const latest = useRef(items);
  useEffect(() => {
    latest.current = items;
  });
  const onChange = props.onChange;
  const setItem = useCallback(
    (index: number, v: unknown) => onChange(latest.current.map((item, i) => (i === index ? v : item))),
    [onChange],
  );
  const removeItem = useCallback((index: number) => onChange(latest.current.filter((_, i) => i !== index)), [onChange]);

  const id = fieldId(props.idPrefix, path);
  const label = labelFor(schema, props.name);
  const full = schema.maxItems !== undefined && items.length >= schema.maxItems;
  const visible = showAll ? items : items.slice(0, PAGE);
  const flat = isFlatObject(itemSchema);
  const error = props.errors[path];

  return (
    <div role="group" aria-labelledby={`${id}-label`} className="grid gap-2">
      <div className="flex items-baseline justify-between gap-3">
        <span id={`${id}-label`} className="text-sm font-medium">
          {label}
          {props.required && (
            <span className="ml-1 text-destructive" aria-hidden>
              *
            </span>
          )}
        </span>
        <span className="text-xs text-muted-foreground tabular-nums">
          {items.length} {items.length === 1 ? "item" : "items"}
          {schema.maxItems !== undefined && ` · max ${schema.maxItems}`}
        </span>
      </div>
      {schema.description && <FieldDescription id={`${id}-desc`}>{schema.description}</FieldDescription>}
      {items.length > 0 && flat && (
        <FlatTable
          schema={itemSchema}
          items={visible}
          path={path}
          errors={props.errors}
          idPrefix={props.idPrefix}
          disabled={props.disabled}
          setItem={setItem}
          removeItem={removeItem}
        />
      )}
      {items.length > 0 && !flat && (
        <ol className="grid gap-3">
          {visible.map((item, i) => (
            <li key={i} className="flex items-start gap-2">
              <div className="min-w-0 flex-1">
                <SchemaField
                  schema={itemSchema}
                  name={`${label} ${i + 1}`}
                  path={joinPath(path, i)}
                  value={item}
                  onChange={(v) => setItem(i, v)}
                  errors={props.errors}
                  required
                  idPrefix={props.idPrefix}
                  disabled={props.disabled}
                />
              </div>
              <RemoveButton index={i} label={label} disabled={props.disabled} onRemove={removeItem} />
            </li>
          ))}
        </ol>
      )}
      {items.length > visible.length && (
        <Button type="button" variant="ghost" size="sm" className="justify-self-start" onClick={() => setShowAll(true)}>
          Show all {items.length}
        </Button>
      )}
      <Button
        type="button"
        variant="outline"
        size="sm"
        className="justify-self-start"
        disabled={props.disabled || full}
        onClick={() => {
          onChange([...items, emptyValue(itemSchema)]);
          setShowAll(true);
        }}
      >
        <PlusIcon />
        Add {itemSchema.title?.toLowerCase() ?? singular(props.name)}
      </Button>
      <FieldError id={`${id}-err`} message={error} />
    </div>
  );
}

function RemoveButton({
  index,
  label,
  disabled,
  onRemove,
}: {
  index: number;
  label: string;
  disabled?: boolean;
  onRemove: (i: number) => void;
}) {
  return (
    <Button
      type="button"
      variant="ghost"
      size="icon-sm"
      disabled={disabled}
      onClick={() => onRemove(index)}
      aria-label={`Remove ${label.toLowerCase()} ${index + 1}`}
    >
      <Trash2Icon />
    </Button>
  );
}

interface TableProps {
  schema: JsonSchema;
  items: unknown[];
  path: string;
  errors: FormErrors;
  idPrefix: string;
  disabled?: boolean;
  setItem: (i: number, v: unknown) => void;
  removeItem: (i: number) => void;
}

function FlatTable({ schema, items, path, errors, idPrefix, disabled, setItem, removeItem }: TableProps) {
  const columns = Object.entries(schema.properties ?? {});
  return (
    <div className="overflow-x-auto rounded-lg border [contain:inline-size]">
      <table className="w-full min-w-[36rem] text-sm">
        <thead className="bg-muted/50 text-xs text-muted-foreground">
          <tr>
            <th scope="col" className="w-10 px-2 py-1.5 text-right font-medium">
              #
            </th>
            {columns.map(([key, s]) => (
              <th key={key} scope="col" className="px-2 py-1.5 text-left font-medium">
                {labelFor(s, key)}
                {schema.required?.includes(key) && (
                  <span className="ml-0.5 text-destructive" aria-hidden>
                    *
                  </span>
                )}
              </th>
            ))}
            <th scope="col" className="w-10">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item, i) => (
            <FlatRow
              key={i}
              index={i}
              item={item}
              schema={schema}
              path={joinPath(path, i)}
              errors={errors}
              idPrefix={idPrefix}
              disabled={disabled}
              setItem={setItem}
              removeItem={removeItem}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

type RowProps = Omit<TableProps, "items"> & { index: number; item: unknown };

const FlatRow = memo(function FlatRow({ index, item, schema, path, errors, idPrefix, disabled, setItem, removeItem }: RowProps) {
  const row = (typeof item === "object" && item !== null ? item : {}) as Record<string, unknown>;
  const rowError = errors[path];
  return (
    <tr className={cn("border-t align-top", rowError && "bg-destructive/5")}>
      <td className="px-2 py-2 text-right text-xs text-muted-foreground tabular-nums">{index + 1}</td>
      {Object.entries(schema.properties ?? {}).map(([key, s]) => {
        const cellPath = joinPath(path, key);
        const id = fieldId(idPrefix, cellPath);
        const error = errors[cellPath];
        return (
          <td key={key} className="px-1.5 py-1.5">
            <ScalarControl
              compact
              schema={s}
              id={id}
              value={row[key]}
              ariaLabel={`${labelFor(s, key)} ${index + 1}`}
              invalid={Boolean(error)}
              describedBy={error ? `${id}-err` : undefined}
              required={schema.required?.includes(key)}
              disabled={disabled}
              onChange={(v) => {
                const next = { ...row };
                if (v === undefined || (v === "" && !schema.required?.includes(key))) delete next[key];
                else next[key] = v;
                setItem(index, next);
              }}
            />
            <FieldError id={`${id}-err`} message={error} />
          </td>
        );
      })}
      <td className="px-1 py-1.5">
        <RemoveButton index={index} label="row" disabled={disabled} onRemove={removeItem} />
      </td>
    </tr>
  );
});
