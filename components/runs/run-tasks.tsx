import Link from "next/link";
import { ChevronRightIcon } from "lucide-react";
import { actorKey, type ActorInfo } from "@/lib/teams/actors";
import type { Task as TaskDto } from "@/lib/contract";
import { TaskStatusBadge } from "./task-status-badge";
import { TimeAgo } from "./time-ago";

const VERB = { approve: "Approved", edit: "Edited", reject: "Rejected", respond: "Answered" } as const;
const SHOWN = 8;
/** Beyond this, the list points to the queue instead of rendering hundreds of rows. */
const MAX_ROWS = 50;

function outcome(task: TaskDto) {
  if (task.status !== "decided") return task.status;
  return ({ approve: "approved", edit: "edited", reject: "rejected", respond: "answered" } as const)[task.decision!.action];
}

/**
 * The run's review tasks, each with its decision (who, when, comment) and a link to the task.
 * Long lists (a 500-lead outreach) show the first few and fold the rest.
 */
export function RunTasks({ tasks, actors, truncated = false }: { tasks: TaskDto[]; actors: Map<string, ActorInfo>; truncated?: boolean }) {
  const rest = tasks.slice(SHOWN, MAX_ROWS);
  const counts = new Map<string, number>();
  for (const t of tasks) counts.set(outcome(t), (counts.get(outcome(t)) ?? 0) + 1);
  const queues = [...new Set(tasks.map((t) => t.queue))];
  return (
    <div className="overflow-hidden rounded-xl border bg-card">
      {tasks.length > SHOWN && (
        <p className="flex flex-wrap gap-x-3 gap-y-1 border-b px-4 py-2 text-xs text-muted-foreground" aria-label="Review outcomes">
          {[...counts].map(([k, n]) => (
            <span key={k}>
              <span className="font-medium text-foreground tabular-nums">{n}</span> {k}
            </span>
          ))}
          {truncated && <span>(of the first {tasks.length})</span>}
        </p>
      )}
      <ul className="divide-y" aria-label="Review tasks">
        {tasks.slice(0, SHOWN).map((task) => (
          <TaskRow key={task.id} task={task} actors={actors} />
        ))}
      </ul>
      {rest.length > 0 && (
        <details className="group border-t">
          <summary className="cursor-pointer list-none px-4 py-2.5 text-sm font-medium text-muted-foreground outline-none select-none hover:bg-accent/50 hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:ring-inset group-open:hidden [&::-webkit-details-marker]:hidden">
            Show {rest.length} more
          </summary>
          <ul className="divide-y" aria-label="More review tasks">
            {rest.map((task) => (
              <TaskRow key={task.id} task={task} actors={actors} />
            ))}
          </ul>
        </details>
      )}
      {tasks.length > MAX_ROWS && (
        <p className="border-t px-4 py-2.5 text-xs text-muted-foreground">
          Showing {MAX_ROWS} of {tasks.length}
          {truncated ? "+" : ""}. Work the rest in{" "}
          {queues.map((q, i) => (
            <span key={q}>
              {i > 0 && ", "}
              <Link href={`/queues/${encodeURIComponent(q)}`} className="font-medium text-foreground underline-offset-2 hover:underline">
                {q}
              </Link>
            </span>
          ))}
          .
        </p>
      )}
    </div>
  );
}

function TaskRow({ task, actors }: { task: TaskDto; actors: Map<string, ActorInfo> }) {
  const d = task.decision;
  const who = d ? (actors.get(actorKey(d.actor))?.label ?? d.actor.id) : null;
  const note = d?.response ?? d?.comment;
  return (
    <li>
      <Link
        href={`/tasks/${task.id}`}
        className="group/row flex items-center gap-3 px-4 py-3 outline-none hover:bg-accent/50 focus-visible:bg-accent/50 focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:ring-inset"
      >
        <div className="grid min-w-0 flex-1 gap-1">
          <div className="flex min-w-0 flex-wrap items-center gap-2">
            <TaskStatusBadge task={task} />
            <span className="min-w-0 truncate text-sm font-medium">{task.title}</span>
          </div>
          <p className="flex flex-wrap items-center gap-x-2 gap-y-0.5 text-xs text-muted-foreground">
            <span className="capitalize">{task.kind}</span>
            <span aria-hidden>·</span>
            <span>queue {task.queue}</span>
            {d && (
              <>
                <span aria-hidden>·</span>
                <span>
                  {VERB[d.action]} by <span className="text-foreground">{who}</span> <TimeAgo date={d.at} />
                </span>
              </>
            )}
          </p>
          {note && <p className="line-clamp-2 text-xs text-muted-foreground italic">“{note}”</p>}
        </div>
        <ChevronRightIcon
          aria-hidden
          className="size-4 shrink-0 text-muted-foreground transition-transform group-hover/row:translate-x-0.5"
        />
      </Link>
    </li>
  );
}
