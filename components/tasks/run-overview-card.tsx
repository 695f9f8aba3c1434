import Link from "next/link";
import { ArrowUpRightIcon, WorkflowIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { JsonView } from "@/components/payload/json-view";
import { formatRelative } from "@/lib/format";
import { summarizeRunInput } from "./run-summary";
import type { RunOverview } from "./types";

const STATUS_VARIANT: Record<string, "warning" | "success" | "destructive" | "secondary"> = {
  waiting: "warning",
  completed: "success",
  failed: "destructive",
};

/** Where the task comes from: the run, its workflow, state and what it was started with. */
export function RunOverviewCard({ run, workflowName }: { run: RunOverview | null; workflowName?: string }) {
  return (
    <section aria-labelledby="run-context" className="grid gap-3 rounded-xl border bg-card p-4">
      <h2 id="run-context" className="text-xs font-medium tracking-wide text-muted-foreground uppercase">
        Run
      </h2>
      {run ? (
        <>
          <Link
            href={`/runs/${encodeURIComponent(run.id)}`}
            className="group flex items-center gap-2 rounded-md text-sm font-medium outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
          >
            <WorkflowIcon className="size-4 shrink-0 text-muted-foreground" aria-hidden />
            <span className="truncate group-hover:underline underline-offset-4">{workflowName ?? run.workflow}</span>
            <ArrowUpRightIcon className="ml-auto size-3.5 shrink-0 text-muted-foreground" aria-hidden />
            <span className="sr-only">Open run {run.id}</span>
          </Link>
          <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
            <Badge variant={STATUS_VARIANT[run.status] ?? "secondary"} className="capitalize">
              {run.status}
            </Badge>
            <span>started {formatRelative(run.createdAt)}</span>
          </div>
          <p className="text-sm break-words">{summarizeRunInput(run.workflow, run.input, run.summary)}</p>
          <details className="group text-xs">
            <summary className="cursor-pointer rounded-sm text-muted-foreground outline-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50">
              Run input
            </summary>
            <JsonView value={run.input} openDepth={1} className="mt-2 max-h-64 overflow-auto" />
          </details>
        </>
      ) : (
        <p className="text-sm text-muted-foreground">
          A standalone review request: no run is attached; the agent polls for the decision or gets a webhook.
        </p>
      )}
    </section>
  );
}
