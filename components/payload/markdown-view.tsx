import { Fragment } from "react";
import { cn } from "@/lib/utils";
import { MARKDOWN_LIMITS, parseBlocks, parseInline, type Block, type Inline, type InlineBudget } from "./markdown-parse";

/** Renders markdown as formatted text with React elements only (no HTML from the draft). */
export function MarkdownView({ source, className }: { source: string; className?: string }) {
  const blocks = parseBlocks(source);
  const budget: InlineBudget = { nodes: MARKDOWN_LIMITS.maxInlineNodes };
  return (
    <div className={cn("grid gap-3 text-sm leading-relaxed break-words", className)}>
      {blocks.map((block, i) => (
        <BlockView key={i} block={block} budget={budget} />
      ))}
    </div>
  );
}

const HEADING_CLASS = {
  1: "text-xl font-semibold tracking-tight",
  2: "mt-2 text-lg font-semibold tracking-tight",
  3: "mt-1 text-base font-semibold",
  4: "text-sm font-semibold",
  5: "text-sm font-semibold",
  6: "text-sm font-semibold text-muted-foreground",
} as const;

function BlockView({ block, budget }: { block: Block; budget: InlineBudget }) {
  switch (block.type) {
    case "heading": {
      // Draft headings sit below the page's own h1/h2, so they start at h3 in the outline.
      const Tag = (["h3", "h4", "h5", "h6", "h6", "h6"] as const)[block.level - 1]!;
      return (
        <Tag className={HEADING_CLASS[block.level]}>
          <InlineView nodes={parseInline(block.text, budget)} />
        </Tag>
      );
    }
    case "paragraph":
      return (
        <p>
          <InlineView nodes={parseInline(block.text, budget)} />
        </p>
      );
    case "list": {
      const List = block.ordered ? "ol" : "ul";
      return (
        <List
          start={block.ordered ? block.start : undefined}
          className={cn("grid gap-1 pl-5", block.ordered ? "list-decimal" : "list-disc")}
        >
          {block.items.map((item, i) => (
            <li key={i} className="pl-1 marker:text-muted-foreground">
              <InlineView nodes={parseInline(item, budget)} />
            </li>
          ))}
        </List>
      );
    }
    case "quote":
      return (
        <blockquote className="border-l-2 pl-3 text-muted-foreground italic">
          <InlineView nodes={parseInline(block.text, budget)} />
        </blockquote>
      );
    case "code":
      return (
        <pre className="overflow-x-auto rounded-md bg-muted p-3 font-mono text-xs leading-relaxed" data-lang={block.lang || undefined}>
          <code>{block.text}</code>
        </pre>
      );
    case "rule":
      return <hr className="my-1" />;
  }
}

function InlineView({ nodes }: { nodes: Inline[] }) {
  return nodes.map((node, i) => {
    switch (node.type) {
      case "text":
        return <Fragment key={i}>{node.text}</Fragment>;
      case "code":
        return (
          <code key={i} className="rounded bg-muted px-1 py-0.5 font-mono text-[0.85em]">
            {node.text}
          </code>
        );
      case "strong":
        return (
          <strong key={i} className="font-semibold">
            <InlineView nodes={node.children} />
          </strong>
        );
      case "em":
        return (
          <em key={i}>
            <InlineView nodes={node.children} />
          </em>
        );
      case "link":
        return (
          <a
            key={i}
            href={node.href}
            target="_blank"
            rel="noopener noreferrer nofollow"
            className="font-medium underline underline-offset-4"
          >
            <InlineView nodes={node.children} />
          </a>
        );
    }
  });
}
