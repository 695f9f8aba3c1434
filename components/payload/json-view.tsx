import { cn } from "@/lib/utils";

/**
 * Pretty, collapsible JSON for payloads without a dedicated renderer. Built on <details> so it
 * needs no client JavaScript and stays keyboard-accessible; the first levels start open.
 */
export function JsonView({ value, openDepth = 2, className }: { value: unknown; openDepth?: number; className?: string }) {
  return (
    <div className={cn("overflow-x-auto rounded-md border bg-muted/30 p-3 font-mono text-xs leading-relaxed", className)}>
      <Node value={value} depth={0} openDepth={openDepth} />
    </div>
  );
}

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === "object" && value !== null;
}

function Node({ name, value, depth, openDepth }: { name?: string; value: unknown; depth: number; openDepth: number }) {
  const label = name !== undefined && <span className="text-muted-foreground">{name}: </span>;
  if (!isContainer(value)) {
    return (
      <div className="py-px">
        {label}
        <Primitive value={value} />
      </div>
    );
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  if (entries.length === 0) {
    return (
      <div className="py-px">
        {label}
        <span className="text-muted-foreground">{open + close}</span>
      </div>
    );
  }
  const count = Array.isArray(value)
    ? `${entries.length} item${entries.length === 1 ? "" : "s"}`
    : `${entries.length} key${entries.length === 1 ? "" : "s"}`;
  return (
    <details open={depth < openDepth} className="group">
      <summary className="cursor-pointer rounded-sm py-px outline-none select-none marker:text-muted-foreground hover:bg-accent/60 focus-visible:ring-[3px] focus-visible:ring-ring/50">
        {label}
        <span className="text-muted-foreground">{open}</span>
        <span className="text-muted-foreground group-open:hidden">
          {" "}
          … {close} <span className="font-sans text-[0.7rem]">({count})</span>
        </span>
      </summary>
      <div className="ml-2 border-l pl-3">
        {entries.map(([k, v]) => (
          <Node key={k} name={k} value={v} depth={depth + 1} openDepth={openDepth} />
        ))}
      </div>
      <span className="text-muted-foreground">{close}</span>
    </details>
  );
}

function Primitive({ value }: { value: unknown }) {
  if (typeof value === "string") {
    return <span className="break-words whitespace-pre-wrap text-emerald-700 dark:text-emerald-400">{JSON.stringify(value)}</span>;
  }
  if (typeof value === "number") return <span className="text-sky-700 dark:text-sky-400">{String(value)}</span>;
  if (typeof value === "boolean" || value === null) {
    return <span className="text-violet-700 dark:text-violet-400">{String(value)}</span>;
  }
  return <span className="text-muted-foreground">{String(value)}</span>;
}
