import Link from "next/link";
import { ChevronRightIcon } from "lucide-react";
import { JsonView } from "@/components/json/json-view";
import { TimeAgo } from "@/components/runs/time-ago";
import type { AuditEventDto } from "@/lib/audit";
import { actorKey, type ActorInfo } from "@/lib/teams/actors";
import { ActionBadge } from "./action-badge";
import { ActorLabel } from "./actor-label";
import { BeforeAfter, ChangeList } from "./before-after";
import { SubjectLink } from "./subject-link";
import { decisionEdits, hasBeforeAfter, splitData } from "./values";

/** The human note of an event, if any: a decision's comment or answer, a cancel reason, an error. */
export function eventNote(data: Record<string, unknown>): string | null {
  const after = (data.after ?? {}) as { decision?: { comment?: unknown; response?: unknown } };
  const note = after.decision?.response ?? after.decision?.comment ?? data.reason ?? data.error;
  return typeof note === "string" && note ? note : null;
}

/** A readable name for the subject: a task's title, or the workflow a run.started event names. */
export const eventTitle = (data: Record<string, unknown>) =>
  typeof data.title === "string" ? data.title : typeof data.workflow === "string" ? data.workflow : undefined;

export function fallbackActor(a: { type: string; id: string }): ActorInfo {
  return { type: a.type, id: a.id, label: a.id };
}

/** Audit events, newest first: who did what to which subject, when, and what changed. */
export function AuditList({ events, actors }: { events: AuditEventDto[]; actors: Map<string, ActorInfo> }) {
  return (
    <ol className="divide-y overflow-hidden rounded-xl border bg-card" aria-label="Audit events">
      {events.map((event) => {
        const data = splitData(event.data);
        const note = eventNote(event.data);
        const actor = actors.get(actorKey(event.actor)) ?? fallbackActor(event.actor);
        const hasContext = Object.keys(data.rest).length > 0;
        const edits = decisionEdits(data);
        return (
          <li
            key={event.id}
            className="grid gap-2 px-4 py-3"
            data-testid="audit-event"
            data-action={event.action}
            data-event-id={event.id}
            data-subject-id={event.subjectId}
            data-actor-id={event.actor.id}
          >
            <div className="flex items-start gap-3">
              <div className="grid min-w-0 flex-1 gap-1.5">
                <div className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1 text-sm">
                  <ActorLabel actor={actor} />
                  <ActionBadge action={event.action} />
                  <SubjectLink type={event.subjectType} id={event.subjectId} title={eventTitle(event.data)} />
                </div>
                {hasBeforeAfter(data) && <ChangeList before={data.before} after={data.after} limit={3} scalarOnly />}
                {edits && (
                  <div className="grid gap-1">
                    <span className="text-xs text-muted-foreground">Reviewer’s edits</span>
                    <ChangeList before={edits.before} after={edits.after} limit={3} />
                  </div>
                )}
                {note && <p className="line-clamp-2 text-xs text-muted-foreground italic">“{note}”</p>}
              </div>
              <Link
                href={`/audit/${event.id}`}
                className="flex shrink-0 items-center gap-1 rounded-sm text-xs text-muted-foreground outline-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50"
              >
                {/* Named by its visible time (WCAG 2.5.3 Label in Name), with the event id for screen readers. */}
                <span className="sr-only">Event {event.id}, </span>
                <TimeAgo date={event.at} />
                <ChevronRightIcon aria-hidden className="size-3.5" />
              </Link>
            </div>
            {(hasBeforeAfter(data) || hasContext) && (
              <details className="group">
                <summary className="flex w-fit cursor-pointer list-none items-center gap-1 rounded-sm text-xs font-medium text-muted-foreground outline-none select-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring/50 [&::-webkit-details-marker]:hidden">
                  <ChevronRightIcon aria-hidden className="size-3.5 transition-transform group-open:rotate-90" />
                  {hasBeforeAfter(data) ? "Before and after" : "Details"}
                </summary>
                <div className="mt-2 grid gap-3">
                  {hasBeforeAfter(data) && <BeforeAfter before={data.before} after={data.after} showChanges={false} />}
                  {hasContext && <JsonView value={data.rest} label="Event context" expandDepth={1} />}
                </div>
              </details>
            )}
          </li>
        );
      })}
    </ol>
  );
}
