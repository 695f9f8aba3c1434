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

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const ORDERED = /^\s*(\d{1,9})[.)]\s+(.*)$/;
const FENCE = /^\s*(```|~~~)\s*([\w+-]*)\s*$/;
const RULE = /^\s*([-*_])(\s*\1){2,}\s*$/;

export function parseBlocks(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (!line.trim()) {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i]!.trim().startsWith(fence[1]!)) body.push(lines[i++]!);
      i++; // closing fence (or end of text)
      blocks.push({ type: "code", lang: fence[2] ?? "", text: body.join("\n") });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ type: "heading", level: heading[1]!.length as 1, text: heading[2]! });
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
      while (i < lines.length && pattern.test(lines[i]!)) {
        const m = pattern.exec(lines[i]!)!;
        items.push(ordered ? m[2]! : m[1]!);
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

function startsBlock(line: string) {
  return (
    HEADING.test(line) || FENCE.test(line) || RULE.test(line) || BULLET.test(line) || ORDERED.test(line) || line.trimStart().startsWith(">")
  );
}

const INLINE = /`([^`]+)`|\*\*(.+?)\*\*|__(.+?)__|\*(?!\s)(.+?)\*|(?<![\w])_(?!\s)(.+?)_(?![\w])|\[([^\]]+)\]\(([^)\s]+)\)/;

/** Only these link targets are rendered as links; anything else (javascript:, data:) stays text. */
export function safeHref(href: string): string | null {
  return /^(https?:\/\/|mailto:)/i.test(href) ? href : null;
}

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let rest = text;
  while (rest) {
    const m = INLINE.exec(rest);
    if (!m) {
      out.push({ type: "text", text: rest });
      break;
    }
    if (m.index > 0) out.push({ type: "text", text: rest.slice(0, m.index) });
    const [whole, code, strong1, strong2, em1, em2, label, href] = m;
    if (code !== undefined) out.push({ type: "code", text: code });
    else if (strong1 ?? strong2) out.push({ type: "strong", children: parseInline((strong1 ?? strong2)!) });
    else if (em1 ?? em2) out.push({ type: "em", children: parseInline((em1 ?? em2)!) });
    else if (label !== undefined) {
      const safe = safeHref(href!);
      out.push(safe ? { type: "link", href: safe, children: parseInline(label) } : { type: "text", text: whole });
    }
    rest = rest.slice(m.index + whole.length);
  }
  return out;
}
