"use client";

import { memo } from "react";
import Link from "next/link";
import { CheckIcon, XIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { cn } from "@/lib/utils";
import { AssignMenu } from "./assign-menu";
import { formatAge, formatDateTime, formatDue, quorumProgress } from "@/lib/format";
import type { BulkAction, QueueMember, QueueTask } from "./types";

interface Props {
  task: QueueTask;
  index: number;
  focused: boolean;
  selected: boolean;
  canDecide: boolean;
  canAssign: boolean;
  busy: boolean;
  members: QueueMember[];
  me: string;
  now: number;
  rowRef: (index: number, el: HTMLLIElement | null) => void;
  onFocusRow: (index: number) => void;
  onToggle: (index: number, range: boolean) => void;
  onDecide: (action: BulkAction, index: number) => void;
}

const KIND_STYLE: Record<string, string> = {
  approval: "bg-sky-500/10 text-sky-700 dark:text-sky-300",
  clarification: "bg-violet-500/10 text-violet-700 dark:text-violet-300",
  review: "bg-amber-500/15 text-amber-800 dark:text-amber-300",
};

/** One pending task: selection box, title (links to the task), metadata, assignee, quick actions. */
export const TaskRow = memo(function TaskRow(props: Props) {
  const { task, index, now } = props;
  const overdue = task.dueAt !== null && new Date(task.dueAt).getTime() < now;
  return (
    <li
      ref={(el) => props.rowRef(index, el)}
      tabIndex={props.focused ? 0 : -1}
      data-focused={props.focused || undefined}
      data-task-id={task.id}
      onFocus={() => props.onFocusRow(index)}
      className={cn(
        "group relative flex items-center gap-3 border-b px-3 py-2.5 outline-none last:border-b-0 sm:px-4",
        "before:absolute before:inset-y-0 before:left-0 before:w-0.5 data-[focused]:bg-accent/60 data-[focused]:before:bg-primary",
        "focus-visible:ring-2 focus-visible:ring-ring/50 focus-visible:ring-inset",
        props.selected && "bg-primary/5",
      )}
    >
      {props.canDecide && (
        <Checkbox
          checked={props.selected}
          aria-label={`Select “${task.title}”`}
          onClick={(e) => {
            e.preventDefault();
            props.onToggle(index, e.shiftKey);
          }}
        />
      )}
      <div className="grid min-w-0 flex-1 gap-1">
        <Link href={`/tasks/${task.id}`} className="truncate text-sm font-medium outline-none hover:underline focus-visible:underline">
          {task.title}
        </Link>
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-muted-foreground">
          <span className={cn("rounded px-1.5 py-px font-medium capitalize", KIND_STYLE[task.kind])}>{task.kind}</span>
          {task.workflow && <span className="font-mono">{task.workflow}</span>}
          <time dateTime={task.createdAt} title={`Created ${formatDateTime(task.createdAt)}`} className="tabular-nums">
            {formatAge(task.createdAt, now) === "now" ? "just now" : `${formatAge(task.createdAt, now)} ago`}
          </time>
          {task.dueAt && (
            <Badge
              variant={overdue ? "destructive" : "outline"}
              className="px-1.5 py-0 text-[0.7rem] font-normal"
              title={`Due ${formatDateTime(task.dueAt)}`}
            >
              {overdue ? `Overdue ${formatDue(task.dueAt, now)}` : `Due ${formatDue(task.dueAt, now)}`}
            </Badge>
          )}
          {task.escalatedFrom && (
            <Badge
              variant="warning"
              className="px-1.5 py-0 text-[0.7rem] font-normal"
              title={
                task.escalatedAt ? `Escalated ${formatDateTime(task.escalatedAt)}: its deadline passed in ${task.escalatedFrom}` : undefined
              }
              data-testid="escalated-badge"
            >
              Escalated from {task.escalatedFrom}
            </Badge>
          )}
          {task.quorum && (
            <Badge variant="outline" className="px-1.5 py-0 text-[0.7rem] font-normal">
              {quorumProgress(task.quorum.by, task.quorum.needed)}
            </Badge>
          )}
          {task.confidence !== null && <span title="The agent's confidence">{Math.round(task.confidence * 100)}% confident</span>}
          {task.description && <span className="hidden min-w-0 truncate md:inline md:max-w-md">· {task.description}</span>}
        </div>
      </div>
      {props.canDecide && (
        <div className="hidden items-center gap-1 opacity-0 transition-opacity group-hover:opacity-100 group-focus-within:opacity-100 group-data-[focused]:opacity-100 sm:flex">
          {task.allowed.includes("approve") && (
            <Button
              variant="ghost"
              size="icon-sm"
              tabIndex={-1}
              disabled={props.busy}
              aria-label={`Approve “${task.title}”`}
              title="Approve (a)"
              onClick={() => props.onDecide("approve", index)}
            >
              <CheckIcon className="text-success" />
            </Button>
          )}
          {task.allowed.includes("reject") && (
            <Button
              variant="ghost"
              size="icon-sm"
              tabIndex={-1}
              disabled={props.busy}
              aria-label={`Reject “${task.title}”`}
              title="Reject (r)"
              onClick={() => props.onDecide("reject", index)}
            >
              <XIcon className="text-destructive" />
            </Button>
          )}
        </div>
      )}
      <AssignMenu task={task} members={props.members} me={props.me} canAssign={props.canAssign} />
    </li>
  );
});
