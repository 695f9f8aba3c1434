import type { ReactNode } from "react";
import Link from "next/link";
import { ArrowRightIcon, ChevronRightIcon } from "lucide-react";
import { JsonView } from "@/components/json/json-view";
import { shortValue } from "@/components/audit/values";
import { TimeAgo } from "@/components/runs/time-ago";
import { Badge } from "@/components/ui/badge";
import type { FieldChange } from "@/lib/feedback";
import { WordDiff } from "./word-diff";

export interface FeedbackItemData {
  id: string;
  taskId: string;
  runId: string | null;
  workflow: string | null;
  original: unknown;
  edited: unknown;
  diff: unknown;
  editor?: { type: string; id: string } | null;
  comment?: string | null;
  at: string;
}

function changesOf(diff: unknown): FieldChange[] {
  const changes = (diff as { changes?: unknown } | null)?.changes;
  return Array.isArray(changes) ? (changes as FieldChange[]) : [];
}

/** One human edit: where it came from, each changed field as a word diff, and both versions. */
export function FeedbackItem({ item, workflowName, actions }: { item: FeedbackItemData; workflowName?: string; actions?: ReactNode }) {
  const changes = changesOf(item.diff);
  return (
    <article className="grid gap-4 rounded-xl border bg-card p-4" aria-label={`Edit of task ${item.taskId}`} data-testid="feedback-item">
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1.5 text-sm">
        {item.workflow && <Badge variant="secondary">{workflowName ?? item.workflow}</Badge>}
        <Link
          href={`/tasks/${item.taskId}`}
          className="font-mono text-xs underline-offset-2 outline-none hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/50"
        >
          {item.taskId}
        </Link>
        {item.runId && (
          <Link
            href={`/runs/${item.runId}`}
            className="text-xs text-muted-foreground underline-offset-2 outline-none hover:text-foreground hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/50"
          >
            View run
          </Link>
        )}
        {item.editor && (
          <span className="text-xs text-muted-foreground">
            edited by {item.editor.type === "api_key" ? "API key" : item.editor.type} <span className="font-mono">{item.editor.id}</span>
          </span>
        )}
        <TimeAgo date={item.at} className="ml-auto text-xs text-muted-foreground" />
      </header>
      {item.comment && (
        <blockquote className="border-l-2 pl-3 text-sm text-muted-foreground">
          <span className="sr-only">Reviewer&apos;s comment: </span>
          {item.comment}
        </blockquote>
      )}
      {actions}
      {changes.length === 0 ? (
        <p className="text-sm text-muted-foreground">The edited version equals the original.</p>
      ) : (
        <dl className="grid gap-3">
          {changes.map((c) => (
            <div key={c.path} className="grid gap-1">
              <dt className="font-mono text-xs text-muted-foreground">{c.path}</dt>
              <dd className="min-w-0">
                {typeof c.before === "string" && typeof c.after === "string" ? (
                  <WordDiff before={c.before} after={c.after} className="rounded-lg bg-muted/40 p-3" />
                ) : (
                  <span className="flex flex-wrap items-center gap-2 font-mono text-xs">
                    <span className="rounded bg-destructive/10 px-1 text-destructive line-through">{shortValue(c.before, 120)}</span>
                    <ArrowRightIcon aria-label="changed to" className="size-3 text-muted-foreground" />
                    <span className="rounded bg-success/15 px-1 text-success">{shortValue(c.after, 120)}</span>
                  </span>
                )}
              </dd>
            </div>
          ))}
        </dl>
      )}
      <details className="group">
        <summary className="flex w-fit cursor-pointer list-none items-center gap-1 rounded-sm text-xs font-medium text-muted-foreground outline-none select-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring/50 [&::-webkit-details-marker]:hidden">
          <ChevronRightIcon aria-hidden className="size-3.5 transition-transform group-open:rotate-90" />
          Original and edited
        </summary>
        <div className="mt-2 grid gap-3 md:grid-cols-2">
          <div className="grid min-w-0 content-start gap-1.5">
            <h3 className="text-xs font-medium text-muted-foreground">Original (agent)</h3>
            <JsonView value={item.original} label="Original" />
          </div>
          <div className="grid min-w-0 content-start gap-1.5">
            <h3 className="text-xs font-medium text-muted-foreground">Edited (human)</h3>
            <JsonView value={item.edited} label="Edited" />
          </div>
        </div>
      </details>
    </article>
  );
}
