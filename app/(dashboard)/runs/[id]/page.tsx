import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { ChevronLeftIcon, CircleXIcon, InboxIcon } from "lucide-react";
import { EmptyState } from "@/components/empty-state";
import { PageContainer } from "@/components/page-header";
import { JsonView } from "@/components/json/json-view";
import { AutoRefresh } from "@/components/runs/auto-refresh";
import { CancelRunButton } from "@/components/runs/cancel-run-button";
import { RunDetails } from "@/components/runs/run-details";
import { RunOutput } from "@/components/runs/run-output";
import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { RunTasks } from "@/components/runs/run-tasks";
import { RunTimeline } from "@/components/runs/run-timeline";
import { Section } from "@/components/runs/section";
import { Skeleton } from "@/components/ui/skeleton";
import { actorKey, resolveActors } from "@/lib/teams/actors";
import { requireTeamContext } from "@/lib/auth/current";
import { assertCan, can } from "@/lib/access/principal";
import { TERMINAL_RUN_STATUSES } from "@/lib/engine/runs";
import { getRunTimeline } from "@/lib/engine/timeline";
import { listTasks } from "@/lib/tasks/queries";
import { getWorkflow } from "@/lib/workflows";
import { cancelRunAction, loadTimelineStateAction } from "./actions";
import { loadRun } from "./load-run";

type Props = { params: Promise<{ id: string }> };
const TASK_LIMIT = 200;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Run ${(await params).id}` };
}

export default async function RunPage({ params }: Props) {
  const { id } = await params;
  const { principal } = await requireTeamContext();
  assertCan(principal, "runs.read");
  const run = await loadRun(id);
  const taskPage = can(principal, "tasks.read") ? await listTasks({ principal, filters: { runId: run.id }, limit: TASK_LIMIT }) : null;
  const tasks = taskPage?.items ?? [];
  const moreTasks = Boolean(taskPage?.nextCursor);
  const createdBy = run.createdBy;
  const actors = await resolveActors({
    teamId: principal.teamId,
    actors: [...tasks.flatMap((t) => (t.decision ? [t.decision.actor] : [])), ...(createdBy ? [createdBy] : [])],
  });
  const workflowName = getWorkflow(run.workflow)?.name ?? run.workflow;
  const active = run.status === "queued" || run.status === "running";
  // A child run (fan-out) ends with its parent: it is cancelled there.
  const cancellable = !TERMINAL_RUN_STATUSES.includes(run.status) && can(principal, "runs.cancel") && !run.parentRunId;

  return (
    <PageContainer>
      <AutoRefresh active={active} />
      <div className="grid gap-3">
        <Link
          href="/runs"
          className="flex w-fit items-center gap-1 rounded-sm text-sm text-muted-foreground outline-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50"
        >
          <ChevronLeftIcon aria-hidden className="size-4" />
          Runs
        </Link>
        <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
          <div className="grid min-w-0 gap-1.5">
            <div className="flex flex-wrap items-center gap-2">
              <h1 className="text-xl font-semibold tracking-tight">{workflowName}</h1>
              <RunStatusBadge status={run.status} />
            </div>
            <p className="truncate font-mono text-xs text-muted-foreground">{run.id}</p>
            {run.parentRunId && (
              <p className="text-sm text-muted-foreground">
                Child run of{" "}
                <Link href={`/runs/${run.parentRunId}`} className="font-mono text-xs underline underline-offset-2 hover:text-foreground">
                  {run.parentRunId}
                </Link>
              </p>
            )}
          </div>
          {cancellable && <CancelRunButton runId={run.id} pendingTasks={run.pendingTaskIds.length} action={cancelRunAction} />}
        </div>
      </div>

      {run.status === "failed" && (
        <div role="alert" className="flex gap-3 rounded-xl border border-destructive/30 bg-destructive/5 p-4 text-sm">
          <CircleXIcon aria-hidden className="mt-0.5 size-4 shrink-0 text-destructive" />
          <div className="grid min-w-0 gap-1">
            <p className="font-medium text-destructive">The run failed</p>
            <p className="font-mono text-xs break-words whitespace-pre-wrap">{run.error?.message ?? "No error message was recorded."}</p>
          </div>
        </div>
      )}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <div className="grid min-w-0 content-start gap-6">
          {run.output !== null && (
            <Section title="Output">
              <RunOutput workflow={run.workflow} output={run.output} />
            </Section>
          )}
          <Section title="Reviews" count={moreTasks ? `${tasks.length}+` : tasks.length}>
            {tasks.length === 0 ? (
              <EmptyState
                icon={InboxIcon}
                title="No reviews"
                description={active ? "Tasks appear here when the agent pauses for a human." : "This run did not ask a human for anything."}
                className="py-8"
              />
            ) : (
              <RunTasks tasks={tasks} actors={actors} truncated={moreTasks} />
            )}
          </Section>
          <Section title="Timeline">
            <Suspense fallback={<TimelineSkeleton />}>
              <Timeline teamId={principal.teamId} runId={run.id} />
            </Suspense>
          </Section>
        </div>
        <div className="grid min-w-0 content-start gap-6">
          <RunDetails run={run} workflowName={workflowName} createdBy={createdBy ? actors.get(actorKey(createdBy)) : undefined} />
          <Section title="Input">
            <JsonView value={run.input} label="Run input" expandDepth={1} copyable />
          </Section>
        </div>
      </div>
    </PageContainer>
  );
}

async function Timeline({ teamId, runId }: { teamId: string; runId: string }) {
  return <RunTimeline runId={runId} steps={await getRunTimeline({ teamId, runId })} loadState={loadTimelineStateAction} />;
}

function TimelineSkeleton() {
  return (
    <div className="grid gap-4" aria-busy="true" aria-label="Loading the timeline">
      {Array.from({ length: 3 }, (_, i) => (
        <div key={i} className="flex gap-3">
          <Skeleton className="size-3 rounded-full" />
          <div className="grid flex-1 gap-2">
            <Skeleton className="h-4 w-40" />
            <Skeleton className="h-3 w-64" />
          </div>
        </div>
      ))}
    </div>
  );
}
