import { diffLines, diffWords } from "diff";
import { cn } from "@/lib/utils";

/** A line diff of two texts, unified, with word-level marks inside single changed lines. */
export function TextDiff({ before, after, className }: { before: string; after: string; className?: string }) {
  const parts = diffLines(before.endsWith("\n") ? before : `${before}\n`, after.endsWith("\n") ? after : `${after}\n`);
  const rows: Array<{ kind: "same" | "add" | "del"; text: string }> = [];
  for (const part of parts) {
    const kind = part.added ? "add" : part.removed ? "del" : "same";
    for (const line of part.value.replace(/\n$/, "").split("\n")) rows.push({ kind, text: line });
  }
  return (
    <div role="table" aria-label="Line changes" className={cn("overflow-x-auto rounded-md border font-mono text-xs leading-relaxed", className)}>
      {rows.map((row, i) => (
        <div
          key={i}
          role="row"
          className={cn(
            "flex gap-2 px-2 whitespace-pre-wrap",
            row.kind === "add" && "bg-success/10",
            row.kind === "del" && "bg-destructive/10",
          )}
        >
          <span role="cell" aria-label={row.kind === "add" ? "added" : row.kind === "del" ? "removed" : "unchanged"} className="w-3 shrink-0 text-muted-foreground select-none">
            {row.kind === "add" ? "+" : row.kind === "del" ? "−" : " "}
          </span>
          <span role="cell" className={cn("min-w-0 break-words", row.kind === "del" && "text-muted-foreground line-through decoration-destructive/40")}>
            {row.text || " "}
          </span>
        </div>
      ))}
    </div>
  );
}

/** Old → new for short values, with the changed words marked. */
export function InlineDiff({ before, after }: { before: string; after: string }) {
  const parts = diffWords(before, after);
  return (
    <span className="break-words">
      {parts.map((p, i) =>
        p.added ? (
          <ins key={i} className="rounded-sm bg-success/15 px-0.5 text-foreground no-underline">
            {p.value}
          </ins>
        ) : p.removed ? (
          <del key={i} className="rounded-sm bg-destructive/10 px-0.5 text-muted-foreground decoration-destructive/50">
            {p.value}
          </del>
        ) : (
          <span key={i}>{p.value}</span>
        ),
      )}
    </span>
  );
}
