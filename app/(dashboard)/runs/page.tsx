import { visibleRuns } from "@/lib/access/visibility";
import type { Metadata } from "next";
import Link from "next/link";
import { ArrowRightIcon, PlayIcon } from "lucide-react";
import { z } from "zod";
import { EmptyState } from "@/components/empty-state";
import { PageContainer, PageHeader } from "@/components/page-header";
import { AutoRefresh } from "@/components/runs/auto-refresh";
import { ParamSelect } from "@/components/runs/param-select";
import { RunList } from "@/components/runs/run-list";
import { StatusTabs } from "@/components/runs/status-tabs";
import { Button } from "@/components/ui/button";
import { RUN_STATUSES } from "@/lib/contract";
import { requireTeamContext } from "@/lib/auth/current";
import { assertCan } from "@/lib/access/principal";
import { listRuns } from "@/lib/engine/runs";
import { declaredRunSummary, WORKFLOWS } from "@/lib/workflows";
import { summarizeRunInput } from "@/components/tasks/run-summary";
import { firstParam, type SearchParams } from "@/lib/utils";

export const metadata: Metadata = { title: "Runs" };

const PAGE_SIZE = 25;
const query = z.object({
  status: z.enum(RUN_STATUSES).optional().catch(undefined),
  workflow: z.string().trim().min(1).max(100).optional().catch(undefined),
  cursor: z.string().trim().min(1).max(100).optional().catch(undefined),
});

export default async function RunsPage({ searchParams }: { searchParams: SearchParams }) {
  const { principal, membership } = await requireTeamContext();
  assertCan(principal, "runs.read");
  const raw = await searchParams;
  const q = query.parse({ status: firstParam(raw.status), workflow: firstParam(raw.workflow), cursor: firstParam(raw.cursor) });
  const page = await listRuns({ teamId: principal.teamId, ...q, limit: PAGE_SIZE, visible: await visibleRuns(principal) });

  const workflowNames = Object.fromEntries(Object.values(WORKFLOWS).map((w) => [w.id, w.name]));
  const summaries = Object.fromEntries(
    page.items.map((r) => [r.id, summarizeRunInput(r.workflow, r.input, declaredRunSummary(r.workflow, r.input))]),
  );
  const filtered = Boolean(q.status || q.workflow);
  const params = { status: q.status, workflow: q.workflow };
  const nextHref = page.nextCursor ? `/runs?${new URLSearchParams({ ...clean(params), cursor: page.nextCursor })}` : null;
  const firstHref = `/runs${Object.keys(clean(params)).length ? `?${new URLSearchParams(clean(params))}` : ""}`;
  const busy = page.items.some((r) => r.status === "queued" || r.status === "running");

  return (
    <PageContainer>
      <PageHeader title="Runs" description="Every agent run of your team, newest first. Open one to see its steps, reviews and result." />
      <div className="flex min-w-0 flex-col gap-3 lg:flex-row lg:items-center lg:justify-between">
        <StatusTabs current={q.status} params={params} />
        <ParamSelect
          param="workflow"
          label="Filter by workflow"
          allLabel="All workflows"
          options={Object.entries(workflowNames).map(([value, label]) => ({ value, label }))}
        />
      </div>
      <AutoRefresh active={busy} />
      {page.items.length === 0 ? (
        <EmptyState
          icon={PlayIcon}
          title={q.cursor ? "No more runs" : filtered ? "No runs match these filters" : "No runs yet"}
          description={
            filtered || q.cursor ? (
              "Try another status or workflow."
            ) : (
              <>
                Agents start runs with <code className="font-mono text-xs">POST /api/v1/runs</code>. For a demo, run{" "}
                <code className="font-mono text-xs">npm run cli -- demo:seed --team {membership.slug}</code>.
              </>
            )
          }
          action={
            (filtered || q.cursor) && (
              <Button asChild variant="outline" size="sm">
                <Link href="/runs">Show all runs</Link>
              </Button>
            )
          }
        />
      ) : (
        <RunList runs={page.items} workflowNames={workflowNames} summaries={summaries} />
      )}
      {(q.cursor || nextHref) && (
        <nav aria-label="Pagination" className="flex items-center justify-between gap-2">
          {q.cursor ? (
            <Button asChild variant="ghost" size="sm">
              <Link href={firstHref}>Back to newest</Link>
            </Button>
          ) : (
            <span />
          )}
          {nextHref && (
            <Button asChild variant="outline" size="sm">
              <Link href={nextHref}>
                Older runs
                <ArrowRightIcon />
              </Link>
            </Button>
          )}
        </nav>
      )}
    </PageContainer>
  );
}

function clean(params: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1])));
}
