import { queueVisibility } from "@/lib/access/visibility";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ArrowRightIcon, DownloadIcon, ScrollTextIcon } from "lucide-react";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditList } from "@/components/audit/audit-list";
import { EmptyState } from "@/components/empty-state";
import { PageContainer, PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { listAuditEvents } from "@/lib/audit";
import { listActorChoices, resolveActors } from "@/lib/teams/actors";
import { requireTeamContext } from "@/lib/auth/current";
import { assertCan } from "@/lib/access/principal";
import type { SearchParams } from "@/lib/utils";
import { auditHref, parseAuditParams } from "./filters";

export const metadata: Metadata = { title: "Audit history" };

const PAGE_SIZE = 50;

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const { principal } = await requireTeamContext();
  assertCan(principal, "audit.read");
  const raw = await searchParams;
  const { filters, params, cursor } = parseAuditParams(raw);
  // A submitted filter form sends empty fields too: keep the linkable URL short.
  if (Object.values(raw).some((v) => v === "")) redirect(auditHref({ ...params, cursor }));
  const [page, choices] = await Promise.all([
    listAuditEvents({
      teamId: principal.teamId,
      ...filters,
      cursor,
      limit: PAGE_SIZE,
      visible: (await queueVisibility(principal)).auditFilter(),
    }),
    listActorChoices(principal.teamId),
  ]);
  const actors = await resolveActors({ teamId: principal.teamId, actors: page.items.map((e) => e.actor) });
  // An actor filter naming someone no longer listed (a deleted key) still shows as chosen.
  if (params.actor && !choices.some((c) => c.id === params.actor)) choices.push({ id: params.actor, type: "unknown", label: params.actor });
  const filtered = Object.keys(params).length > 0;

  return (
    <PageContainer>
      <PageHeader
        title="Audit history"
        description="Every human decision and every change to runs, tasks and the team, append-only."
        actions={
          <Button asChild variant="outline" size="sm">
            <a href={auditHref(params, "/audit/export")} download>
              <DownloadIcon />
              Export CSV
            </a>
          </Button>
        }
      />
      <AuditFilters values={params} actors={choices} />
      {page.items.length === 0 ? (
        <EmptyState
          icon={ScrollTextIcon}
          title={cursor ? "No older events" : filtered ? "No events match these filters" : "No events yet"}
          description={
            filtered ? "Widen the time range or clear a filter." : "Decisions, runs and team changes are recorded here as they happen."
          }
          action={
            (filtered || cursor) && (
              <Button asChild variant="outline" size="sm">
                <Link href="/audit">Show all events</Link>
              </Button>
            )
          }
        />
      ) : (
        <AuditList events={page.items} actors={actors} />
      )}
      {(cursor || page.nextCursor) && (
        <nav aria-label="Pagination" className="flex items-center justify-between gap-2">
          {cursor ? (
            <Button asChild variant="ghost" size="sm">
              <Link href={auditHref(params)}>Back to newest</Link>
            </Button>
          ) : (
            <span />
          )}
          {page.nextCursor && (
            <Button asChild variant="outline" size="sm">
              <Link href={auditHref({ ...params, cursor: page.nextCursor })}>
                Older events
                <ArrowRightIcon />
              </Link>
            </Button>
          )}
        </nav>
      )}
    </PageContainer>
  );
}
