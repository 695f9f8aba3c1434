import { cn } from "@/lib/utils";
import { CopyButton } from "./copy-button";

/**
 * A collapsible, read-only JSON tree built on <details>: keyboard and screen-reader friendly,
 * no client JavaScript (usable from server and client components alike). Objects and arrays
 * deeper than `expandDepth` start collapsed; very long ones show their first `maxItems`
 * entries and fold the rest behind one more disclosure.
 */
export function JsonView({
  value,
  expandDepth = 2,
  maxItems = 100,
  className,
  label,
  copyable = false,
}: {
  value: unknown;
  expandDepth?: number;
  maxItems?: number;
  className?: string;
  /** Accessible name of the whole view, e.g. "Run input". */
  label?: string;
  /** Adds a "Copy JSON" button (the value is sent to the browser twice, so not for huge values). */
  copyable?: boolean;
}) {
  return (
    <div
      role="group"
      aria-label={label}
      className={cn("relative overflow-x-auto rounded-lg border bg-muted/30 p-3 font-mono text-xs leading-relaxed", className)}
    >
      {copyable && <CopyButton text={JSON.stringify(value, null, 2)} label="Copy JSON" className="absolute top-1.5 right-1.5" />}
      <Node value={value} depth={0} expandDepth={expandDepth} maxItems={maxItems} />
    </div>
  );
}

type NodeProps = { value: unknown; depth: number; expandDepth: number; maxItems: number; name?: string };

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === "object" && value !== null;
}

function Key({ name }: { name?: string }) {
  if (name === undefined) return null;
  return (
    <>
      <span className="text-foreground/80">{/^\d+$/.test(name) ? name : JSON.stringify(name)}</span>
      <span className="text-muted-foreground">: </span>
    </>
  );
}

function Node({ value, depth, expandDepth, maxItems, name }: NodeProps) {
  if (!isContainer(value)) {
    return (
      <div className="break-words whitespace-pre-wrap">
        <Key name={name} />
        <Scalar value={value} />
      </div>
    );
  }
  const isArray = Array.isArray(value);
  const entries: Array<[string, unknown]> = isArray ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  const [open, close] = isArray ? ["[", "]"] : ["{", "}"];
  if (entries.length === 0) {
    return (
      <div>
        <Key name={name} />
        <span className="text-muted-foreground">{open + close}</span>
      </div>
    );
  }
  const shown = entries.slice(0, maxItems);
  const hidden = entries.slice(maxItems);
  const child = (entry: [string, unknown]) => (
    <Node key={entry[0]} name={entry[0]} value={entry[1]} depth={depth + 1} expandDepth={expandDepth} maxItems={maxItems} />
  );
  return (
    <details open={depth < expandDepth}>
      <summary className="cursor-pointer list-none rounded-sm outline-none select-none hover:bg-accent/60 focus-visible:ring-2 focus-visible:ring-ring/50 [&::-webkit-details-marker]:hidden">
        <span aria-hidden className="mr-1 inline-block w-2 text-muted-foreground transition-transform [[open]>summary>&]:rotate-90">
          ›
        </span>
        <Key name={name} />
        <span className="text-muted-foreground">{open}</span>
        {/* Only this node's own open state counts, not an open ancestor's (hence no group-open). */}
        <span className="text-muted-foreground [[open]>summary>&]:hidden">
          {" "}
          {entries.length} {isArray ? (entries.length === 1 ? "item" : "items") : entries.length === 1 ? "key" : "keys"} {close}
        </span>
      </summary>
      <div className="ml-1.5 border-l pl-3">
        {shown.map(child)}
        {hidden.length > 0 && (
          <details>
            <summary className="cursor-pointer list-none text-muted-foreground underline-offset-2 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring/50 [&::-webkit-details-marker]:hidden">
              Show {hidden.length} more
            </summary>
            {hidden.map(child)}
          </details>
        )}
      </div>
      <div className="text-muted-foreground">{close}</div>
    </details>
  );
}

export function Scalar({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="text-violet-700 dark:text-violet-400">null</span>;
  if (typeof value === "string") {
    // Multi-line text (email bodies, markdown) keeps its line breaks instead of showing "\n".
    const text = value.includes("\n") ? `"${value.replaceAll('"', '\\"')}"` : JSON.stringify(value);
    return <span className="text-emerald-700 dark:text-emerald-400">{text}</span>;
  }
  if (typeof value === "number") return <span className="text-sky-700 dark:text-sky-400">{String(value)}</span>;
  if (typeof value === "boolean") return <span className="text-violet-700 dark:text-violet-400">{String(value)}</span>;
  return <span>{JSON.stringify(value)}</span>;
}
