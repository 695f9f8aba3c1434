"use client";

import { useState } from "react";
import { ChevronRightIcon } from "lucide-react";
import { cn } from "@/lib/utils";
import { CopyButton } from "./copy-button";

/**
 * A collapsible, read-only JSON tree. Collapsed branches are not rendered at all, so a run with
 * 500 drafts costs a few elements until someone opens it; long arrays and objects show their
 * first `maxItems` entries and a "Show more" button. Branches above `expandDepth` start open
 * (and are server-rendered).
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
  /** Adds a "Copy JSON" button. */
  copyable?: boolean;
}) {
  return (
    <div
      role="group"
      aria-label={label}
      className={cn("relative overflow-x-auto rounded-lg border bg-muted/30 p-3 font-mono text-xs leading-relaxed", className)}
    >
      {copyable && <CopyButton getText={() => JSON.stringify(value, null, 2)} label="Copy JSON" className="absolute top-1.5 right-1.5" />}
      <Node value={value} depth={0} expandDepth={expandDepth} maxItems={maxItems} />
    </div>
  );
}

type NodeProps = { value: unknown; depth: number; expandDepth: number; maxItems: number; name?: string };

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
  const [open, setOpen] = useState(depth < expandDepth);
  const [limit, setLimit] = useState(maxItems);
  if (typeof value !== "object" || value === null) {
    return (
      <div className="pl-4 break-words whitespace-pre-wrap">
        <Key name={name} />
        <Scalar value={value} />
      </div>
    );
  }
  const isArray = Array.isArray(value);
  const entries: Array<[string, unknown]> = isArray ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  const [openBracket, closeBracket] = isArray ? ["[", "]"] : ["{", "}"];
  if (entries.length === 0) {
    return (
      <div className="pl-4">
        <Key name={name} />
        <span className="text-muted-foreground">{openBracket + closeBracket}</span>
      </div>
    );
  }
  const noun = isArray ? (entries.length === 1 ? "item" : "items") : entries.length === 1 ? "key" : "keys";
  return (
    <div>
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        className="flex max-w-full items-center rounded-sm text-left outline-none hover:bg-accent/60 focus-visible:ring-2 focus-visible:ring-ring/50"
      >
        <ChevronRightIcon aria-hidden className={cn("size-3 shrink-0 text-muted-foreground transition-transform", open && "rotate-90")} />
        <span className="ml-1 truncate">
          <Key name={name} />
          <span className="text-muted-foreground">
            {openBracket}
            {!open && ` ${entries.length} ${noun} ${closeBracket}`}
          </span>
        </span>
      </button>
      {open && (
        <>
          <div className="ml-1.5 border-l pl-2.5">
            {entries.slice(0, limit).map(([k, v]) => (
              <Node key={k} name={k} value={v} depth={depth + 1} expandDepth={expandDepth} maxItems={maxItems} />
            ))}
            {entries.length > limit && (
              <button
                type="button"
                onClick={() => setLimit((l) => l + 500)}
                className="ml-4 rounded-sm text-muted-foreground underline-offset-2 outline-none hover:text-foreground hover:underline focus-visible:ring-2 focus-visible:ring-ring/50"
              >
                Show {Math.min(500, entries.length - limit)} more of {entries.length - limit}
              </button>
            )}
          </div>
          <div className="pl-4 text-muted-foreground">{closeBracket}</div>
        </>
      )}
    </div>
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
