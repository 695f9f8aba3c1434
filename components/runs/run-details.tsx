import type { ActorInfo } from "@/lib/teams/actors";
import type { Run as RunDto } from "@/lib/contract";
import { JsonView } from "@/components/json/json-view";
import { CopyButton } from "@/components/json/copy-button";
import { TimeAgo } from "./time-ago";

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[6.5rem_minmax(0,1fr)] items-baseline gap-2 py-1.5">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="min-w-0 text-sm">{children}</dd>
    </div>
  );
}

/** The run's facts: id, workflow, who started it, and its times. */
export function RunDetails({ run, workflowName, createdBy }: { run: RunDto; workflowName: string; createdBy?: ActorInfo }) {
  const hasMetadata = Object.keys(run.metadata).length > 0;
  return (
    <section aria-label="Details" className="rounded-xl border bg-card px-4 py-2.5">
      <dl className="divide-y">
        <Row label="Run">
          <span className="flex items-center gap-1">
            <span className="truncate font-mono text-xs">{run.id}</span>
            <CopyButton text={run.id} label="Copy run id" className="-my-1" />
          </span>
        </Row>
        <Row label="Workflow">
          {workflowName} <span className="font-mono text-xs text-muted-foreground">{run.workflow}</span>
        </Row>
        {createdBy && <Row label="Started by">{createdBy.label}</Row>}
        <Row label="Started">
          <TimeAgo date={run.createdAt} />
        </Row>
        <Row label="Updated">
          <TimeAgo date={run.updatedAt} />
        </Row>
        {run.completedAt && (
          <Row label="Ended">
            <TimeAgo date={run.completedAt} />
          </Row>
        )}
        {hasMetadata && (
          <Row label="Metadata">
            <JsonView value={run.metadata} label="Run metadata" expandDepth={1} className="p-2" />
          </Row>
        )}
      </dl>
    </section>
  );
}
