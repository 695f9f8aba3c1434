import type { Metadata } from "next";
import Link from "next/link";
import { ChevronLeftIcon } from "lucide-react";
import { PageContainer } from "@/components/page-header";
import { formatAge, plural, requestNow } from "@/lib/format";
import { LiveIndicator } from "@/components/queues/live-indicator";
import { QueueFilters } from "@/components/queues/queue-filters";
import { QueueEmpty, QueuePager } from "@/components/queues/queue-pager";
import { hasFilters, parseQueueParams } from "@/components/queues/queue-params";
import { QueueView } from "@/components/queues/queue-view";
import { Badge } from "@/components/ui/badge";
import { requireTeamContext } from "@/lib/auth/current";
import { canWorkQueue, can } from "@/lib/access/principal";
import { listTasks } from "@/lib/tasks/queries";
import { getQueueRoles } from "@/lib/queues";
import { listMembers } from "@/lib/teams/members";
import { listWorkflows } from "@/lib/workflows";
import type { SearchParams } from "@/lib/utils";
import { loadQueue } from "./load-queue";

type Params = Promise<{ name: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: decodeURIComponent((await params).name) };
}

/** One queue, oldest pending task first, with filters, keyset pages and (bulk) decisions. */
export default async function QueuePage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { principal, user } = await requireTeamContext();
  const name = decodeURIComponent((await params).name);
  const queue = await loadQueue(name);

  const query = parseQueueParams(await searchParams);
  const assignee = query.assignee === "me" ? user.id : query.assignee;
  const [page, members, roles] = await Promise.all([
    listTasks({
      principal,
      filters: {
        status: "pending",
        queue: name,
        workflow: query.workflow,
        kind: query.kind,
        assignee,
        overdue: query.overdue || undefined,
      },
      cursor: query.cursor,
      limit: query.limit,
    }),
    listMembers(principal.teamId),
    getQueueRoles(principal.teamId),
  ]);
  const label = (id: string) => {
    const m = members.find((x) => x.userId === id);
    return m ? (m.name ?? m.email) : "Former member";
  };
  const assignable = members
    .filter((m) =>
      canWorkQueue(
        { kind: "user", teamId: principal.teamId, actor: { type: "user", id: m.userId }, role: m.role, queues: m.queues },
        name,
        roles.get(name) ?? null,
      ),
    )
    .map((m) => ({ id: m.userId, label: m.userId === user.id ? `${m.name ?? m.email} (you)` : (m.name ?? m.email) }));
  const tasks = page.items.map((t) => ({
    id: t.id,
    title: t.title,
    description: t.description,
    kind: t.kind,
    workflow: t.workflow,
    runId: t.runId,
    allowed: t.allowed,
    confidence: t.confidence,
    assignee: t.assignee ? { id: t.assignee, label: label(t.assignee) } : null,
    createdAt: t.createdAt,
    dueAt: t.dueAt,
    escalatedFrom: t.escalatedFrom,
    escalatedAt: t.escalatedAt,
    quorum:
      t.quorum > 1
        ? { needed: t.quorum, by: t.approvals.map((a) => (a.actor.type === "user" ? label(a.actor.id) : `${a.actor.type} ${a.actor.id}`)) }
        : null,
  }));
  const now = requestNow();

  return (
    <PageContainer className="max-w-6xl gap-4">
      <div className="grid gap-3">
        <Link
          href="/"
          className="inline-flex w-fit items-center gap-1 rounded-sm text-sm text-muted-foreground outline-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50"
        >
          <ChevronLeftIcon className="size-4" aria-hidden />
          Queues
        </Link>
        <div className="flex flex-wrap items-end justify-between gap-2">
          <div className="grid gap-1">
            <h1 className="flex items-center gap-2 text-xl font-semibold tracking-tight">
              {queue.name}
              {!queue.canDecide && <Badge variant="outline">View only</Badge>}
            </h1>
            {queue.description && <p className="text-sm text-muted-foreground">{queue.description}</p>}
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <p className="text-sm text-muted-foreground tabular-nums" data-testid="queue-stats">
              {plural(queue.pending, "pending task")}
              {queue.oldestCreatedAt && ` · oldest ${formatAge(queue.oldestCreatedAt, now)}`}
              {queue.overdue > 0 && <span className="text-destructive"> · {queue.overdue} overdue</span>}
            </p>
            <LiveIndicator queue={name} />
          </div>
        </div>
      </div>
      <QueueFilters queue={name} params={query} workflows={listWorkflows().map((w) => ({ id: w.id, name: w.name }))} members={assignable} />
      {tasks.length === 0 ? (
        <QueueEmpty queue={name} params={query} filtered={hasFilters(query)} paged={Boolean(query.cursor)} />
      ) : (
        <QueueView
          key={`${name}:${query.cursor ?? ""}`}
          queue={name}
          tasks={tasks}
          members={assignable}
          me={user.id}
          now={now}
          canDecide={queue.canDecide}
          canAssign={queue.canDecide && can(principal, "tasks.assign")}
        />
      )}
      <QueuePager
        queue={name}
        params={query}
        nextCursor={page.nextCursor}
        shown={tasks.length}
        total={hasFilters(query) ? null : queue.pending}
      />
    </PageContainer>
  );
}
