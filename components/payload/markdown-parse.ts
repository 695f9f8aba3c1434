/**
 * A deliberately tiny markdown parser for agent drafts: headings, paragraphs, lists, block
 * quotes, fenced code, rules, and inline code / strong / emphasis / links. It produces a small
 * tree that markdown-view.tsx turns into React elements, so user text is never parsed as HTML.
 */
export type Block =
  | { type: "heading"; level: 1 | 2 | 3 | 4 | 5 | 6; text: string }
  | { type: "paragraph"; text: string }
  | { type: "list"; ordered: boolean; start: number; items: string[] }
  | { type: "quote"; text: string }
  | { type: "code"; lang: string; text: string }
  | { type: "rule" };

export type Inline =
  | { type: "text"; text: string }
  | { type: "code"; text: string }
  | { type: "strong"; children: Inline[] }
  | { type: "em"; children: Inline[] }
  | { type: "link"; href: string; children: Inline[] };

// Only the start of a heading is a regex: `(.*?)\s*#*\s*$` backtracked in cubic time ("# a" + 4,000
// spaces + "b" took minutes). headingOf() strips the optional closing hashes by hand.
const HEADING = /^(#{1,6})\s+/;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const ORDERED = /^\s*(\d{1,9})[.)]\s+(.*)$/;
const FENCE = /^\s*(```|~~~)\s*([\w+-]*)\s*$/;
const RULE = /^\s*([-*_])(\s*\1){2,}\s*$/;

/**
 * Rendering is bounded too: past `MAX_BLOCKS` blocks (list items count) the rest of the text is
 * one unformatted block, past `MAX_INLINE_NODES` formatted pieces in a view the rest is plain text.
 * A draft that big is not read for its formatting, and 20,000 elements cost seconds to render.
 */
export const MARKDOWN_LIMITS = { maxBlocks: 1_000, maxInlineNodes: 3_000 } as const;

export function parseBlocks(source: string, maxBlocks: number = MARKDOWN_LIMITS.maxBlocks): Block[] {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const blocks: Block[] = [];
  let count = 0;
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (!line.trim()) {
      i++;
      continue;
    }
    if (count >= maxBlocks) {
      blocks.push({ type: "code", lang: "", text: lines.slice(i).join("\n") });
      break;
    }
    count++;
    const fence = FENCE.exec(line);
    if (fence) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i]!.trim().startsWith(fence[1]!)) body.push(lines[i++]!);
      i++; // closing fence (or end of text)
      blocks.push({ type: "code", lang: fence[2] ?? "", text: body.join("\n") });
      continue;
    }
    const heading = headingOf(line);
    if (heading) {
      blocks.push(heading);
      i++;
      continue;
    }
    if (RULE.test(line)) {
      blocks.push({ type: "rule" });
      i++;
      continue;
    }
    const listMatch = BULLET.exec(line) ?? ORDERED.exec(line);
    if (listMatch) {
      const ordered = !BULLET.test(line);
      const pattern = ordered ? ORDERED : BULLET;
      const items: string[] = [];
      while (i < lines.length && count < maxBlocks && pattern.test(lines[i]!)) {
        const m = pattern.exec(lines[i]!)!;
        items.push(ordered ? m[2]! : m[1]!);
        count++;
        i++;
        // Indented continuation lines belong to the item above.
        while (i < lines.length && /^\s{2,}\S/.test(lines[i]!) && !BULLET.test(lines[i]!) && !ORDERED.test(lines[i]!)) {
          items[items.length - 1] += ` ${lines[i++]!.trim()}`;
        }
      }
      blocks.push({ type: "list", ordered, start: ordered ? Number(ORDERED.exec(line)![1]) : 1, items });
      continue;
    }
    if (line.trimStart().startsWith(">")) {
      const body: string[] = [];
      while (i < lines.length && lines[i]!.trimStart().startsWith(">")) body.push(lines[i++]!.trimStart().replace(/^>\s?/, ""));
      blocks.push({ type: "quote", text: body.join(" ") });
      continue;
    }
    const body: string[] = [];
    while (i < lines.length && lines[i]!.trim() && !startsBlock(lines[i]!)) body.push(lines[i++]!.trim());
    blocks.push({ type: "paragraph", text: body.join(" ") });
  }
  return blocks;
}

/** `# Title ##` → level 1, "Title": the text without trailing whitespace and closing hashes. */
export function headingOf(line: string): Extract<Block, { type: "heading" }> | null {
  const m = HEADING.exec(line);
  if (!m) return null;
  const text = line.slice(m[0].length).trimEnd();
  let end = text.length;
  while (end > 0 && text[end - 1] === "#") end--;
  return { type: "heading", level: m[1]!.length as 1, text: text.slice(0, end).trimEnd() };
}

function startsBlock(line: string) {
  return (
    HEADING.test(line) || FENCE.test(line) || RULE.test(line) || BULLET.test(line) || ORDERED.test(line) || line.trimStart().startsWith(">")
  );
}

/** Only these link targets are rendered as links; anything else (javascript:, data:) stays text. */
export function safeHref(href: string): string | null {
  return /^(https?:\/\/|mailto:)/i.test(href) ? href : null;
}

const LINE_END = new Set(["\n", "\r", "\u2028", "\u2029"]); // what a regex "." does not match
const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);
const isWord = (c: string | undefined) => c !== undefined && /\w/.test(c);
const MAX_DEPTH = 16;

/**
 * The next position ≥ `from` where `test` holds (-1: none). Callers ask with non-decreasing
 * `from`, so the answer is remembered and the text is walked once per finder: this keeps the
 * scanner linear where a backtracking regex over the whole rest of the text was quadratic
 * (`"[".repeat(40000)` took 2.4 s).
 */
function finder(text: string, test: (i: number) => boolean) {
  let asked = -1;
  let found = -1;
  return (from: number): number => {
    if (from >= asked && asked >= 0 && (found === -1 || found >= from)) return found;
    asked = from;
    found = -1;
    for (let i = from; i < text.length; i++) {
      if (test(i)) {
        found = i;
        break;
      }
    }
    return found;
  };
}

/**
 * Inline code, **strong**, __strong__, *em*, _em_ and [links](https://…), scanned left to right in
 * linear time. Same result as the former regex
 * /`([^`]+)`|\*\*(.+?)\*\*|__(.+?)__|\*(?!\s)(.+?)\*|(?<![\w])_(?!\s)(.+?)_(?![\w])|\[([^\]]+)\]\(([^)\s]+)\)/
 * applied repeatedly to the rest of the text (markdown-parse.test.ts compares the two).
 */
/** How many more inline nodes a view may produce; shared by every parseInline call of one view. */
export interface InlineBudget {
  nodes: number;
}

export function parseInline(text: string, budget: InlineBudget = { nodes: Infinity }, depth = 0): Inline[] {
  if (depth > MAX_DEPTH || budget.nodes <= 0) return text ? [{ type: "text", text }] : [];
  const s = text;
  const at = (c: string) => finder(s, (i) => s[i] === c);
  const pair = (c: string) => finder(s, (i) => s[i] === c && s[i + 1] === c);
  const nextTick = at("`");
  const nextStars = pair("*");
  const nextUnders = pair("_");
  const nextStar = at("*");
  const nextEmUnder = finder(s, (i) => s[i] === "_" && !isWord(s[i + 1]));
  const nextBracket = at("]");
  const nextHrefEnd = finder(s, (i) => s[i] === ")" || isSpace(s[i]));
  const nextLineEnd = finder(s, (i) => LINE_END.has(s[i]!));
  // `.+?` between the opener at `from` and the closer must not cross a line end.
  const sameLine = (from: number, closer: number) => {
    const end = nextLineEnd(from);
    return end === -1 || end >= closer;
  };

  const out: Inline[] = [];
  let segment = 0; // where the text after the last match starts (a lookbehind never looks before it)
  for (let i = 0; i < s.length && budget.nodes > 0; i++) {
    const c = s[i];
    let node: Inline | null = null;
    let end = -1;
    if (c === "`") {
      const j = nextTick(i + 1);
      if (j > i + 1) [node, end] = [{ type: "code", text: s.slice(i + 1, j) }, j + 1];
    }
    if (!node && c === "*" && s[i + 1] === "*") {
      const j = nextStars(i + 3);
      if (j !== -1 && sameLine(i, j))
        [node, end] = [{ type: "strong", children: parseInline(s.slice(i + 2, j), budget, depth + 1) }, j + 2];
    }
    if (!node && c === "_" && s[i + 1] === "_") {
      const j = nextUnders(i + 3);
      if (j !== -1 && sameLine(i, j))
        [node, end] = [{ type: "strong", children: parseInline(s.slice(i + 2, j), budget, depth + 1) }, j + 2];
    }
    if (!node && c === "*" && i + 1 < s.length && !isSpace(s[i + 1])) {
      const j = nextStar(i + 2);
      if (j !== -1 && sameLine(i, j)) [node, end] = [{ type: "em", children: parseInline(s.slice(i + 1, j), budget, depth + 1) }, j + 1];
    }
    if (!node && c === "_" && (i === segment || !isWord(s[i - 1])) && i + 1 < s.length && !isSpace(s[i + 1])) {
      const j = nextEmUnder(i + 2);
      if (j !== -1 && sameLine(i, j)) [node, end] = [{ type: "em", children: parseInline(s.slice(i + 1, j), budget, depth + 1) }, j + 1];
    }
    if (!node && c === "[") {
      const j = nextBracket(i + 1);
      if (j > i + 1 && s[j + 1] === "(") {
        const k = nextHrefEnd(j + 2);
        if (k > j + 2 && s[k] === ")") {
          const safe = safeHref(s.slice(j + 2, k));
          node = safe
            ? { type: "link", href: safe, children: parseInline(s.slice(i + 1, j), budget, depth + 1) }
            : { type: "text", text: s.slice(i, k + 1) };
          end = k + 1;
        }
      }
    }
    if (!node) continue;
    if (i > segment) out.push({ type: "text", text: s.slice(segment, i) });
    out.push(node);
    budget.nodes -= 2;
    segment = end;
    i = end - 1;
  }
  if (segment < s.length) out.push({ type: "text", text: s.slice(segment) });
  return out;
}
