import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ChevronLeftIcon } from "lucide-react";
import { ActionBadge } from "@/components/audit/action-badge";
import { ActorLabel } from "@/components/audit/actor-label";
import { eventNote, eventTitle, fallbackActor } from "@/components/audit/audit-list";
import { BeforeAfter, ChangeList } from "@/components/audit/before-after";
import { SubjectLink } from "@/components/audit/subject-link";
import { decisionEdits, hasBeforeAfter, splitData } from "@/components/audit/values";
import { JsonView } from "@/components/json/json-view";
import { PageContainer } from "@/components/page-header";
import { Section } from "@/components/runs/section";
import { TimeAgo } from "@/components/runs/time-ago";
import { actorKey, resolveActors } from "@/lib/teams/actors";
import { getAuditEventOrThrow } from "@/lib/audit/event";
import { requireTeamContext } from "@/lib/auth/current";
import { assertCan } from "@/lib/access/principal";
import { AppError } from "@/lib/errors";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Audit event ${(await params).id}` };
}

/** One audit event, linkable: who, what, when, on which subject, and the full before/after. */
export default async function AuditEventPage({ params }: Props) {
  const { id } = await params;
  const { principal } = await requireTeamContext();
  assertCan(principal, "audit.read");
  const event = await getAuditEventOrThrow({ teamId: principal.teamId, eventId: id }).catch((err) => {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  });
  const actors = await resolveActors({ teamId: principal.teamId, actors: [event.actor] });
  const actor = actors.get(actorKey(event.actor)) ?? fallbackActor(event.actor);
  const data = splitData(event.data);
  const note = eventNote(event.data);
  const edits = decisionEdits(data);

  return (
    <PageContainer className="max-w-4xl">
      <div className="grid gap-3">
        <Link
          href="/audit"
          className="flex w-fit items-center gap-1 rounded-sm text-sm text-muted-foreground outline-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50"
        >
          <ChevronLeftIcon aria-hidden className="size-4" />
          Audit history
        </Link>
        <div className="grid gap-2">
          <h1 className="flex flex-wrap items-center gap-2 text-xl font-semibold tracking-tight">
            <ActionBadge action={event.action} />
            <span className="sr-only">by</span>
            <ActorLabel actor={actor} />
          </h1>
          <p className="flex flex-wrap items-center gap-x-2 text-sm text-muted-foreground">
            <SubjectLink type={event.subjectType} id={event.subjectId} title={eventTitle(event.data)} />
            <span aria-hidden>·</span>
            <TimeAgo date={event.at} format="absolute" />
          </p>
          <p className="font-mono text-xs text-muted-foreground">{event.id}</p>
        </div>
      </div>
      {note && <blockquote className="border-l-2 pl-3 text-sm italic">“{note}”</blockquote>}
      {edits && (
        <Section title="What the reviewer changed">
          <ChangeList before={edits.before} after={edits.after} />
        </Section>
      )}
      {hasBeforeAfter(data) && (
        <Section title="Before and after">
          <BeforeAfter before={data.before} after={data.after} />
        </Section>
      )}
      {Object.keys(data.rest).length > 0 && (
        <Section title="Context">
          <JsonView value={data.rest} label="Event context" expandDepth={2} copyable />
        </Section>
      )}
      <p className="text-xs text-muted-foreground">
        <Link href={`/audit?subject=${encodeURIComponent(event.subjectId)}`} className="underline-offset-2 hover:underline">
          All events of this {event.subjectType.replace("_", " ")}
        </Link>
      </p>
    </PageContainer>
  );
}
