import Link from "next/link";
import { ChevronRightIcon } from "lucide-react";
import { TaskKindBadge, TaskStatusBadge } from "./status-badge";
import type { Task } from "./types";

/** Breadcrumb, title, badges and the agent's description of the task. */
export function TaskHeader({ task }: { task: Task }) {
  return (
    <header className="grid gap-3">
      <nav aria-label="Breadcrumb">
        <ol className="flex min-w-0 items-center gap-1 text-sm text-muted-foreground">
          <li className="shrink-0">
            <Link href="/" className="hover:text-foreground">
              Queues
            </Link>
          </li>
          <li className="flex shrink-0 items-center gap-1">
            <ChevronRightIcon className="size-3.5" aria-hidden />
            <Link href={`/queues/${encodeURIComponent(task.queue)}`} className="hover:text-foreground">
              {task.queue}
            </Link>
          </li>
          <li aria-current="page" className="flex min-w-0 items-center gap-1">
            <ChevronRightIcon className="size-3.5 shrink-0" aria-hidden />
            <span className="truncate font-mono text-xs">{task.id}</span>
          </li>
        </ol>
      </nav>
      <div className="grid gap-2">
        <div className="flex flex-wrap items-center gap-2">
          <TaskStatusBadge status={task.status} />
          <TaskKindBadge kind={task.kind} />
        </div>
        <h1 className="text-xl font-semibold tracking-tight break-words sm:text-2xl">{task.title}</h1>
        {task.description && (
          <p className="max-w-prose text-sm text-muted-foreground break-words whitespace-pre-line">{task.description}</p>
        )}
      </div>
    </header>
  );
}
