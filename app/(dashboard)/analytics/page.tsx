import type { Metadata } from "next";
import { BarChart3Icon } from "lucide-react";
import { z } from "zod";
import { DecisionTimeChart, EditedFieldsChart, OutcomesChart, VolumeChart } from "@/components/analytics/charts";
import { EmptyState } from "@/components/empty-state";
import { PageContainer, PageHeader } from "@/components/page-header";
import { ParamSelect } from "@/components/runs/param-select";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { assertCan } from "@/lib/access/principal";
import { queueVisibility } from "@/lib/access/visibility";
import { getAnalytics, getAnalyticsBreakdown, getDailyVolume, getEditedFields } from "@/lib/analytics";
import { requireTeamContext } from "@/lib/auth/current";
import type { Analytics } from "@/lib/contract";
import { requestNow } from "@/lib/format";
import { listQueues } from "@/lib/queues";
import { resolveActors } from "@/lib/teams/actors";
import { firstParam, type SearchParams } from "@/lib/utils";
import { WORKFLOWS } from "@/lib/workflows";
import { PoliciesSection } from "./policies";

export const metadata: Metadata = { title: "Analytics" };

const RANGES = { "7": "Last 7 days", "30": "Last 30 days", "90": "Last 90 days", "365": "Last 12 months" } as const;
const query = z.object({
  days: z.enum(Object.keys(RANGES) as [keyof typeof RANGES]).catch("30"),
  workflow: z.string().trim().min(1).max(100).optional().catch(undefined),
  queue: z.string().trim().min(1).max(100).optional().catch(undefined),
});

const percent = (rate: number | null) => (rate === null ? "—" : `${Math.round(rate * 100)}%`);
const minutes = (ms: number | null) => (ms === null ? null : Math.round((ms / 60_000) * 10) / 10);
function duration(ms: number | null) {
  if (ms === null) return "—";
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round((ms / 3_600_000) * 10) / 10} h`;
}

/** Decision analytics: what reviewers do with the agents' drafts, and how fast, per workflow, queue and reviewer. */
export default async function AnalyticsPage({ searchParams }: { searchParams: SearchParams }) {
  const { principal } = await requireTeamContext();
  assertCan(principal, "tasks.read");
  const raw = await searchParams;
  const q = query.parse({ days: firstParam(raw.days), workflow: firstParam(raw.workflow), queue: firstParam(raw.queue) });
  const now = requestNow();
  const scope = {
    teamId: principal.teamId,
    workflow: q.workflow,
    queue: q.queue,
    from: new Date(now - Number(q.days) * 86_400_000),
    to: new Date(now + 60_000),
    visible: (await queueVisibility(principal)).tasks(),
  };
  const [totals, byWorkflow, byQueue, byReviewer, daily, fields, queues] = await Promise.all([
    getAnalytics(scope),
    getAnalyticsBreakdown(scope, "workflow"),
    getAnalyticsBreakdown(scope, "queue"),
    getAnalyticsBreakdown(scope, "reviewer"),
    getDailyVolume(scope),
    getEditedFields(scope),
    listQueues(principal.teamId),
  ]);
  const reviewers = await resolveActors({
    teamId: principal.teamId,
    actors: byReviewer.map((r) => {
      const [type, ...id] = r.key.split(":");
      return { type: type!, id: id.join(":") };
    }),
  });
  const workflowNames = Object.fromEntries(Object.values(WORKFLOWS).map((w) => [w.id, w.name]));
  const workflowName = (id: string) => workflowNames[id] ?? id;

  return (
    <PageContainer>
      <PageHeader
        title="Analytics"
        description="What reviewers do with your agents' drafts: how many, how they decide, how fast, and which fields they change."
      />
      <div className="flex flex-wrap justify-end gap-2">
        <ParamSelect
          param="days"
          label="Time range"
          allLabel={RANGES["30"]}
          options={Object.entries(RANGES)
            .filter(([value]) => value !== "30")
            .map(([value, label]) => ({ value, label }))}
        />
        <ParamSelect
          param="workflow"
          label="Filter by workflow"
          allLabel="All workflows"
          options={Object.entries(workflowNames).map(([value, label]) => ({ value, label }))}
        />
        <ParamSelect
          param="queue"
          label="Filter by queue"
          allLabel="All queues"
          options={queues.map((queue) => ({ value: queue.name, label: queue.name }))}
        />
      </div>

      {totals.created === 0 ? (
        <EmptyState
          icon={BarChart3Icon}
          title="No tasks in this range"
          description="Figures appear here once agents ask for decisions: start a run from Workflows or through the API."
        />
      ) : (
        <>
          <section aria-labelledby="totals-heading" className="grid gap-3">
            <h2 id="totals-heading" className="sr-only">
              Totals
            </h2>
            <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
              <Figure label="Tasks created" value={String(totals.created)} note={`${totals.pending} pending, ${totals.expired} expired`} />
              <Figure
                label="Approved as drafted"
                value={percent(totals.approvalRate)}
                note={`${totals.approve} of ${totals.decided} decided`}
              />
              <Figure
                label="Edited"
                value={percent(totals.editRate)}
                note={`${totals.edit} edits · ${percent(totals.rejectRate)} rejected`}
              />
              <Figure
                label="Time to decision"
                value={duration(totals.decisionMs.p50)}
                note={`median · p90 ${duration(totals.decisionMs.p90)}`}
              />
            </dl>
          </section>

          <ChartCard title="Tasks per day" description="Created and decided per UTC day (by the day a task was created).">
            <VolumeChart data={daily} />
            <DataTable
              caption="Tasks per day"
              columns={["Day", "Created", "Decided"]}
              rows={daily.map((d) => [d.day, d.created, d.decided])}
            />
          </ChartCard>

          <ChartCard title="Outcomes per workflow" description="How decided tasks were answered.">
            <OutcomesChart data={byWorkflow.map((r) => ({ name: workflowName(r.key), ...r }))} />
            <DataTable
              caption="Outcomes per workflow"
              columns={["Workflow", "Created", "Decided", "Approved", "Edited", "Rejected", "Answered", "Expired"]}
              rows={byWorkflow.map((r) => [workflowName(r.key), r.created, r.decided, r.approve, r.edit, r.reject, r.respond, r.expired])}
            />
          </ChartCard>

          <ChartCard title="Time to decision per queue" description="From the task's creation to its decision, in minutes (p50 and p90).">
            <DecisionTimeChart
              data={byQueue.map((r) => ({ name: r.key, p50: minutes(r.decisionMs.p50), p90: minutes(r.decisionMs.p90) }))}
            />
            <DataTable
              caption="Time to decision per queue"
              columns={["Queue", "Created", "Decided", "p50", "p90", "Approval rate"]}
              rows={byQueue.map((r) => [
                r.key,
                r.created,
                r.decided,
                duration(r.decisionMs.p50),
                duration(r.decisionMs.p90),
                percent(r.approvalRate),
              ])}
            />
          </ChartCard>

          <ChartCard title="Reviewers" description="Decisions per reviewer (people and API keys) and how they answered.">
            <DataTable
              caption="Decisions per reviewer"
              visibleCaption={false}
              columns={["Reviewer", "Decided", "Approved", "Edited", "Rejected", "Answered", "Median time"]}
              rows={byReviewer.map((r) => [
                reviewers.get(r.key)?.label ?? r.key,
                r.decided,
                r.approve,
                r.edit,
                r.reject,
                r.respond,
                duration(r.decisionMs.p50),
              ])}
              open
            />
          </ChartCard>

          {fields.length > 0 && (
            <ChartCard title="Most edited fields" description="Edited tasks that changed each field: where drafts most often miss.">
              <EditedFieldsChart data={fields} />
              <DataTable caption="Most edited fields" columns={["Field", "Edited tasks"]} rows={fields.map((f) => [f.path, f.edits])} />
            </ChartCard>
          )}
        </>
      )}

      <PoliciesSection principal={principal} workflowName={workflowName} />
    </PageContainer>
  );
}

function Figure({ label, value, note }: { label: string; value: string; note: string }) {
  // dt/dd directly inside one div: the only grouping a <dl> allows.
  return (
    <div className="grid gap-1 rounded-xl border bg-card px-4 py-4 text-card-foreground shadow-sm">
      <dt className="text-muted-foreground text-sm">{label}</dt>
      <dd className="text-2xl font-semibold tabular-nums">{value}</dd>
      <dd className="text-muted-foreground text-xs">{note}</dd>
    </div>
  );
}

function ChartCard({ title, description, children }: { title: string; description: string; children: React.ReactNode }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>{title}</h2>
        </CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">{children}</CardContent>
    </Card>
  );
}

/** The numbers behind a chart: a real table (folded away under the chart, open where there is no chart). */
function DataTable({
  caption,
  columns,
  rows,
  open = false,
  visibleCaption = true,
}: {
  caption: string;
  columns: string[];
  rows: Array<Array<string | number>>;
  open?: boolean;
  visibleCaption?: boolean;
}) {
  const table = (
    <Table>
      <caption className="sr-only">{caption}</caption>
      <TableHeader>
        <TableRow>
          {columns.map((c, i) => (
            <TableHead key={c} scope="col" className={i > 0 ? "text-right" : undefined}>
              {c}
            </TableHead>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={String(row[0])}>
            {row.map((cell, i) =>
              i === 0 ? (
                <TableHead key={i} scope="row" className="font-normal">
                  {cell}
                </TableHead>
              ) : (
                <TableCell key={i} className="text-right tabular-nums">
                  {cell}
                </TableCell>
              ),
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
  if (open) return table;
  return (
    <details className="text-sm">
      <summary className="text-muted-foreground hover:text-foreground w-fit cursor-pointer">
        {visibleCaption ? `Show the numbers: ${caption.toLowerCase()}` : "Show the numbers"}
      </summary>
      {table}
    </details>
  );
}
