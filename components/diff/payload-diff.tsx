import { ArrowRightIcon } from "lucide-react";
import { cn } from "@/lib/utils";
import { display, isLongText, jsonChanges } from "./json-changes";
import { InlineDiff, TextDiff } from "./text-diff";

/**
 * What an edit changes, field by field: "old → new" for short values, a line diff for long
 * text. `labels` maps a field path to a human label (the schema's titles).
 */
export function PayloadDiff({
  original,
  edited,
  labels = {},
  className,
}: {
  original: unknown;
  edited: unknown;
  labels?: Record<string, string>;
  className?: string;
}) {
  const changes = jsonChanges(original, edited);
  if (changes.length === 0) {
    return <p className={cn("text-sm text-muted-foreground", className)}>No changes: the edited payload is the same as the original.</p>;
  }
  return (
    <ul className={cn("grid gap-3", className)} aria-label="Changes">
      {changes.map((c) => (
        <li key={c.path} className="grid gap-1.5" data-testid={`diff-${c.path}`}>
          <p className="text-xs font-medium text-muted-foreground">
            {labels[c.path] ?? c.path}
            {labels[c.path] && <span className="ml-1.5 font-mono font-normal">{c.path}</span>}
          </p>
          {isLongText(c.before) || isLongText(c.after) ? (
            <TextDiff before={display(c.before)} after={display(c.after)} />
          ) : typeof c.before === "string" && typeof c.after === "string" ? (
            <p className="rounded-md border px-3 py-2 text-sm">
              <InlineDiff before={c.before} after={c.after} />
            </p>
          ) : (
            <p className="flex flex-wrap items-center gap-2 rounded-md border px-3 py-2 font-mono text-sm">
              <del className="text-muted-foreground decoration-destructive/60">{display(c.before)}</del>
              <ArrowRightIcon className="size-3.5 text-muted-foreground" aria-label="changed to" />
              <ins className="font-semibold no-underline">{display(c.after)}</ins>
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
