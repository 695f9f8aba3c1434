import type { Metadata } from "next";
import Link from "next/link";
import { ChevronRightIcon, InboxIcon, PlayIcon } from "lucide-react";
import { EmptyState } from "@/components/empty-state";
import { PageContainer, PageHeader } from "@/components/page-header";
import { formatAge, plural, requestNow } from "@/lib/format";
import { LiveIndicator } from "@/components/queues/live-indicator";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { requireTeamContext } from "@/lib/auth/current";
import { roleCan } from "@/lib/access/permissions";
import { queueSummaries, type QueueSummary } from "@/lib/tasks/queue-stats";

export const metadata: Metadata = { title: "Queues" };

/** Home: each queue the member may see, with pending count, oldest age and overdue count. */
export default async function HomePage() {
  const { principal, membership } = await requireTeamContext();
  const queues = await queueSummaries(principal);
  const pending = queues.reduce((n, q) => n + q.pending, 0);
  const canStart = roleCan(principal.role, "runs.create");
  const now = requestNow();

  return (
    <PageContainer>
      <PageHeader
        title="Your queues"
        description={
          pending > 0
            ? `${plural(pending, "task")} waiting for a human in ${membership.name}.`
            : `Review tasks waiting for a human in ${membership.name}.`
        }
        actions={<LiveIndicator />}
      />
      {pending === 0 && (
        <EmptyState
          icon={InboxIcon}
          title={queues.length > 0 ? "Nothing waiting for review" : "No queues yet"}
          description={
            <>
              When an agent pauses for a human, its task lands here. New to AgentControlLayer? Seed demo runs of every built-in workflow
              {canStart ? ", or start a run yourself" : ""}:
              <code className="mt-3 block rounded-md border bg-muted px-3 py-2 text-left font-mono text-xs whitespace-pre-wrap text-foreground">
                npm run cli -- demo:seed --team {membership.slug}
              </code>
            </>
          }
          action={
            canStart && (
              <Button asChild size="sm">
                <Link href="/workflows">
                  <PlayIcon />
                  Start a run
                </Link>
              </Button>
            )
          }
        />
      )}
      {queues.length > 0 && (
        <ul aria-label="Queues" className="overflow-hidden rounded-xl border bg-card">
          {queues.map((q) => (
            <QueueRow key={q.name} queue={q} now={now} />
          ))}
        </ul>
      )}
    </PageContainer>
  );
}

function QueueRow({ queue: q, now }: { queue: QueueSummary; now: number }) {
  return (
    <li className="border-b last:border-b-0">
      <Link
        href={`/queues/${encodeURIComponent(q.name)}`}
        className="group flex items-center gap-4 px-4 py-3.5 outline-none transition-colors hover:bg-accent/50 focus-visible:bg-accent/50 focus-visible:ring-2 focus-visible:ring-ring/50 focus-visible:ring-inset"
      >
        <div className="grid min-w-0 flex-1 gap-0.5">
          <span className="flex items-center gap-2 font-medium">
            {q.name}
            {!q.canDecide && (
              <Badge variant="outline" className="font-normal">
                View only
              </Badge>
            )}
          </span>
          {q.description && <span className="truncate text-sm text-muted-foreground">{q.description}</span>}
        </div>
        <dl className="flex shrink-0 items-center gap-4 text-sm sm:gap-6">
          <div className="hidden text-right sm:block">
            <dt className="text-xs text-muted-foreground">Oldest</dt>
            <dd className="tabular-nums">{q.oldestCreatedAt ? formatAge(q.oldestCreatedAt, now) : "—"}</dd>
          </div>
          <div className="text-right">
            <dt className="text-xs text-muted-foreground">Overdue</dt>
            <dd className={q.overdue > 0 ? "font-medium text-destructive tabular-nums" : "text-muted-foreground tabular-nums"}>
              {q.overdue}
            </dd>
          </div>
          <div className="min-w-14 text-right">
            <dt className="text-xs text-muted-foreground">Pending</dt>
            <dd className="text-lg leading-tight font-semibold tabular-nums" data-testid={`pending-${q.name}`}>
              {q.pending}
            </dd>
          </div>
        </dl>
        <ChevronRightIcon className="size-4 shrink-0 text-muted-foreground transition-transform group-hover:translate-x-0.5" aria-hidden />
      </Link>
    </li>
  );
}
