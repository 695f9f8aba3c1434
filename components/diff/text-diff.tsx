import { boundedDiffLines, boundedDiffWords } from "@/lib/diff/bounded";
import { cn } from "@/lib/utils";

type Row = { kind: "same" | "add" | "del"; text: string } | { kind: "gap"; count: number } | { kind: "cut"; count: number };

/** More rows than this are not rendered (8,000 rows of a fully rewritten text took seconds to render). */
const MAX_ROWS = 1_000;

/** Unchanged runs longer than the context around a change fold into "⋯ N unchanged lines". */
function foldUnchanged(rows: Row[], context: number): Row[] {
  const out: Row[] = [];
  let i = 0;
  while (i < rows.length) {
    if (rows[i]!.kind !== "same") {
      out.push(rows[i++]!);
      continue;
    }
    let j = i;
    while (j < rows.length && rows[j]!.kind === "same") j++;
    const head = i === 0 ? 0 : context;
    const tail = j === rows.length ? 0 : context;
    if (j - i > head + tail + 1) {
      out.push(...rows.slice(i, i + head), { kind: "gap", count: j - i - head - tail }, ...rows.slice(j - tail, j));
    } else out.push(...rows.slice(i, j));
    i = j;
  }
  return out;
}

function capRows(rows: Row[]): Row[] {
  return rows.length <= MAX_ROWS ? rows : [...rows.slice(0, MAX_ROWS), { kind: "cut", count: rows.length - MAX_ROWS }];
}

/** A line diff of two texts, unified, with unchanged stretches folded around the changes. */
export function TextDiff({
  before,
  after,
  context = 3,
  className,
}: {
  before: string;
  after: string;
  context?: number;
  className?: string;
}) {
  const { changes: parts, exact } = boundedDiffLines(
    before.endsWith("\n") ? before : `${before}\n`,
    after.endsWith("\n") ? after : `${after}\n`,
  );
  const rows: Row[] = [];
  for (const part of parts) {
    const kind = part.added ? "add" : part.removed ? "del" : "same";
    for (const line of part.value.replace(/\n$/, "").split("\n")) rows.push({ kind, text: line });
  }
  return (
    <>
      {!exact && (
        <p className="text-xs text-muted-foreground">Too many changes to compare line by line: the whole text before and after.</p>
      )}
      <div
        role="table"
        aria-label="Line changes"
        className={cn("overflow-x-auto rounded-md border font-mono text-xs leading-relaxed", className)}
      >
        {capRows(foldUnchanged(rows, context)).map((row, i) =>
          row.kind === "cut" ? (
            <div key={i} role="row" className="bg-muted/50 px-2 py-0.5 font-sans text-muted-foreground select-none">
              <span role="cell">
                ⋯ {row.count} more line{row.count === 1 ? "" : "s"} not shown
              </span>
            </div>
          ) : row.kind === "gap" ? (
            <div key={i} role="row" className="bg-muted/50 px-2 py-0.5 font-sans text-muted-foreground select-none">
              <span role="cell">
                ⋯ {row.count} unchanged line{row.count === 1 ? "" : "s"}
              </span>
            </div>
          ) : (
            <div
              key={i}
              role="row"
              className={cn(
                "flex gap-2 px-2 whitespace-pre-wrap",
                row.kind === "add" && "bg-success/10",
                row.kind === "del" && "bg-destructive/10",
              )}
            >
              <span
                role="cell"
                aria-label={row.kind === "add" ? "added" : row.kind === "del" ? "removed" : "unchanged"}
                className="w-3 shrink-0 text-muted-foreground select-none"
              >
                {row.kind === "add" ? "+" : row.kind === "del" ? "−" : " "}
              </span>
              <span
                role="cell"
                className={cn("min-w-0 break-words", row.kind === "del" && "text-muted-foreground line-through decoration-destructive/40")}
              >
                {row.text || " "}
              </span>
            </div>
          ),
        )}
      </div>
    </>
  );
}

/** Old → new for short values, with the changed words marked. */
export function InlineDiff({ before, after }: { before: string; after: string }) {
  const parts = boundedDiffWords(before, after).changes;
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
