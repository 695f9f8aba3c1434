import { boundedDiffWordsWithSpace } from "@/lib/diff/bounded";
import { cn } from "@/lib/utils";

type Segment = { kind: "same" | "removed" | "added"; text: string };

/**
 * Word changes grouped into phrases: changes separated only by spaces become one removed phrase
 * and one added phrase ("Would a call be useful" → "Could we talk"), which reads far better
 * than alternating single words.
 */
export function phraseDiff(before: string, after: string): Segment[] {
  const out: Segment[] = [];
  let removed = "";
  let added = "";
  let gap = ""; // whitespace seen since the last change, not yet assigned
  const flush = () => {
    if (removed) out.push({ kind: "removed", text: removed });
    if (added) out.push({ kind: "added", text: added });
    if (gap) out.push({ kind: "same", text: gap });
    removed = added = gap = "";
  };
  for (const part of boundedDiffWordsWithSpace(before, after).changes) {
    const pending = removed || added;
    if (part.added || part.removed) {
      // Spaces between two changes belong to both phrases.
      if (pending && gap) {
        removed += gap;
        added += gap;
        gap = "";
      } else if (gap) {
        out.push({ kind: "same", text: gap });
        gap = "";
      }
      if (part.added) added += part.value;
      else removed += part.value;
    } else if (pending && /^\s+$/.test(part.value) && !part.value.includes("\n")) {
      gap += part.value;
    } else {
      flush();
      out.push({ kind: "same", text: part.value });
    }
  }
  flush();
  return out;
}

/** Two texts as one, with removed phrases struck through in red and added phrases in green. */
export function WordDiff({ before, after, className }: { before: string; after: string; className?: string }) {
  return (
    <p className={cn("text-sm leading-relaxed break-words whitespace-pre-wrap", className)}>
      {phraseDiff(before, after).map((s, i) =>
        s.kind === "added" ? (
          <ins key={i} className="rounded-sm bg-success/15 px-0.5 text-success no-underline">
            <span className="sr-only">[added: </span>
            {s.text}
            <span className="sr-only">]</span>
          </ins>
        ) : s.kind === "removed" ? (
          <del key={i} className="mr-0.5 rounded-sm bg-destructive/10 px-0.5 text-destructive decoration-destructive/50">
            <span className="sr-only">[removed: </span>
            {s.text}
            <span className="sr-only">]</span>
          </del>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </p>
  );
}
