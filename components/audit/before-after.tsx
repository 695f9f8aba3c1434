import { ArrowRightIcon } from "lucide-react";
import { JsonView } from "@/components/json/json-view";
import { jsonChanges } from "@/lib/feedback";
import { cn } from "@/lib/utils";
import { shortValue } from "./values";

/** The fields that changed, one line each: `status  "pending" → "decided"`. */
export function ChangeList({
  before,
  after,
  limit,
  scalarOnly = false,
  className,
}: {
  before: unknown;
  after: unknown;
  /** Show at most this many, then "+N more". */
  limit?: number;
  /** Only changes between plain values (a one-line summary); objects are left to the full view. */
  scalarOnly?: boolean;
  className?: string;
}) {
  const isObject = (v: unknown) => typeof v === "object" && v !== null;
  const changes = jsonChanges(before, after).filter((c) => !scalarOnly || (!isObject(c.before) && !isObject(c.after)));
  if (changes.length === 0) return scalarOnly ? null : <p className={cn("text-xs text-muted-foreground", className)}>No field changed.</p>;
  const shown = limit ? changes.slice(0, limit) : changes;
  return (
    <ul className={cn("grid gap-1 font-mono text-xs", className)} aria-label="Changed fields">
      {shown.map((c) => (
        <li key={c.path} className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-0.5">
          <span className="text-foreground/80">{c.path}</span>
          <span className="rounded bg-destructive/10 px-1 text-destructive line-through decoration-destructive/40 dark:bg-destructive/20">
            <span className="sr-only">from </span>
            {shortValue(c.before)}
          </span>
          <ArrowRightIcon aria-hidden className="size-3 text-muted-foreground" />
          <span className="rounded bg-success/15 px-1 text-success">
            <span className="sr-only">to </span>
            {shortValue(c.after)}
          </span>
        </li>
      ))}
      {changes.length > shown.length && <li className="font-sans text-muted-foreground">+{changes.length - shown.length} more</li>}
    </ul>
  );
}

/** Before and after side by side (stacked on phones), with the changed fields above. */
export function BeforeAfter({ before, after, showChanges = true }: { before: unknown; after: unknown; showChanges?: boolean }) {
  return (
    <div className="grid gap-3">
      {showChanges && <ChangeList before={before} after={after} scalarOnly />}
      <div className="grid gap-3 md:grid-cols-2">
        <div className="grid min-w-0 content-start gap-1.5">
          <h3 className="text-xs font-medium text-muted-foreground">Before</h3>
          {before === undefined ? <Absent /> : <JsonView value={before} label="Before" expandDepth={2} />}
        </div>
        <div className="grid min-w-0 content-start gap-1.5">
          <h3 className="text-xs font-medium text-muted-foreground">After</h3>
          {after === undefined ? <Absent /> : <JsonView value={after} label="After" expandDepth={2} />}
        </div>
      </div>
    </div>
  );
}

function Absent() {
  return <p className="rounded-lg border border-dashed p-3 text-xs text-muted-foreground">Nothing recorded.</p>;
}
