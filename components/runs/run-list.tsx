import Link from "next/link";
import { ChevronRightIcon, InboxIcon } from "lucide-react";
import type { Run as RunDto } from "@/lib/contract";
import { RunStatusBadge } from "./run-status-badge";
import { TimeAgo } from "./time-ago";

/** Runs as a dense, linked list: status, workflow and what it was started with, id, pending reviews, age. */
export function RunList({
  runs,
  workflowNames,
  summaries = {},
}: {
  runs: RunDto[];
  workflowNames: Record<string, string>;
  /** One line per run id: what it was started with (the workflow's `summarize`). */
  summaries?: Record<string, string>;
}) {
  return (
    <ul className="divide-y overflow-hidden rounded-xl border bg-card" aria-label="Runs">
      {runs.map((run) => (
        <li key={run.id}>
          <Link
            href={`/runs/${run.id}`}
            className="group flex items-center gap-3 px-4 py-3 outline-none hover:bg-accent/50 focus-visible:bg-accent/50 focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:ring-inset"
          >
            <div className="grid min-w-0 flex-1 gap-1.5 sm:flex sm:items-center sm:gap-3">
              <div className="w-40 shrink-0">
                <RunStatusBadge status={run.status} />
              </div>
              <div className="grid min-w-0 flex-1 gap-0.5">
                <div className="flex min-w-0 items-baseline gap-2">
                  <span className="truncate text-sm font-medium">{workflowNames[run.workflow] ?? run.workflow}</span>
                  <span className="hidden truncate font-mono text-xs text-muted-foreground sm:inline">{run.id}</span>
                </div>
                {summaries[run.id] && (
                  <span data-testid="run-summary" className="truncate text-xs text-muted-foreground">
                    {summaries[run.id]}
                  </span>
                )}
              </div>
              <div className="flex items-center gap-3 text-xs text-muted-foreground">
                {run.pendingTaskIds.length > 0 && (
                  <span className="inline-flex items-center gap-1 whitespace-nowrap">
                    <InboxIcon aria-hidden className="size-3.5" />
                    {run.pendingTaskIds.length} to review
                  </span>
                )}
                <TimeAgo date={run.createdAt} />
              </div>
            </div>
            <ChevronRightIcon
              aria-hidden
              className="size-4 shrink-0 text-muted-foreground transition-transform group-hover:translate-x-0.5"
            />
          </Link>
        </li>
      ))}
    </ul>
  );
}
