import Link from "next/link";
import { formatDateTime, formatRelative } from "@/lib/format";
import { cn } from "@/lib/utils";
import { ConfidenceMeter } from "./confidence-meter";
import { TaskKindBadge, TaskStatusBadge } from "./status-badge";
import type { Task } from "./types";

/** The task's facts, as a compact property list (the right column on wide screens). */
export function TaskProperties({ task, assignee }: { task: Task; assignee: string | null }) {
  const overdue = task.status === "pending" && task.dueAt !== null && new Date(task.dueAt) < new Date();
  return (
    <section aria-labelledby="task-properties" className="grid gap-4 rounded-xl border bg-card p-4">
      <h2 id="task-properties" className="text-xs font-medium tracking-wide text-muted-foreground uppercase">
        Details
      </h2>
      <dl className="grid grid-cols-[6.5rem_1fr] items-center gap-x-3 gap-y-2.5 text-sm">
        <Row label="Status">
          <TaskStatusBadge status={task.status} />
        </Row>
        <Row label="Queue">
          <Link href={`/queues/${encodeURIComponent(task.queue)}`} className="font-medium underline-offset-4 hover:underline">
            {task.queue}
          </Link>
        </Row>
        <Row label="Kind">
          <TaskKindBadge kind={task.kind} />
        </Row>
        <Row label="Assignee">{assignee ?? <span className="text-muted-foreground">Unassigned</span>}</Row>
        <Row label="Due">
          {task.dueAt ? (
            <time dateTime={task.dueAt} title={formatDateTime(task.dueAt)} className={cn(overdue && "font-medium text-destructive")}>
              {formatRelative(task.dueAt)}
              {overdue && " · overdue"}
            </time>
          ) : (
            <span className="text-muted-foreground">No due date</span>
          )}
        </Row>
        <Row label="Created">
          <time dateTime={task.createdAt} title={formatDateTime(task.createdAt)}>
            {formatRelative(task.createdAt)}
          </time>
        </Row>
        <Row label="Task id">
          <code className="truncate font-mono text-xs text-muted-foreground">{task.id}</code>
        </Row>
      </dl>
      {task.confidence !== null && <ConfidenceMeter value={task.confidence} />}
    </section>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0 truncate">{children}</dd>
    </>
  );
}
