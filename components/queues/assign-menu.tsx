"use client";

import { CheckIcon, UserRoundIcon, UserRoundMinusIcon, UserRoundPlusIcon } from "lucide-react";
import { assignTaskAction } from "@/app/(dashboard)/queues/actions";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { useServerAction } from "@/components/use-server-action";
import { cn } from "@/lib/utils";
import type { QueueMember, QueueTask } from "./types";

function initials(label: string) {
  return label
    .replace(/\(you\)/, "")
    .split(/[\s@.]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join("");
}

/** The assignee chip of a row; a menu to claim, assign to a teammate or unassign. */
export function AssignMenu({ task, members, me, canAssign }: { task: QueueTask; members: QueueMember[]; me: string; canAssign: boolean }) {
  const { pending, run } = useServerAction();
  const assignee = task.assignee;
  const chip = (
    <span className="flex items-center gap-1.5">
      {assignee ? (
        <span className="grid size-5 place-items-center rounded-full bg-primary/10 text-[0.6rem] font-semibold">
          {initials(assignee.label)}
        </span>
      ) : (
        <UserRoundIcon className="size-4 text-muted-foreground" aria-hidden />
      )}
      <span className="hidden max-w-28 truncate lg:inline">{assignee ? (assignee.id === me ? "You" : assignee.label) : "Unassigned"}</span>
    </span>
  );
  if (!canAssign) {
    return (
      <span className="text-xs text-muted-foreground" title={assignee ? `Assigned to ${assignee.label}` : "Unassigned"}>
        {chip}
      </span>
    );
  }
  const assign = (assigneeId: string | null, label: string) =>
    run(() => assignTaskAction({ taskId: task.id, assigneeId }), { success: assigneeId ? `Assigned to ${label}` : "Unassigned" });

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button
          variant="ghost"
          size="sm"
          disabled={pending}
          className={cn("h-7 px-1.5 text-xs font-normal", !assignee && "text-muted-foreground")}
          aria-label={assignee ? `Assigned to ${assignee.label}. Change assignee` : `Unassigned. Assign “${task.title}”`}
        >
          {chip}
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-56">
        {assignee?.id !== me && (
          <DropdownMenuItem onSelect={() => assign(me, "you")}>
            <UserRoundPlusIcon />
            Claim (assign to me)
          </DropdownMenuItem>
        )}
        {assignee && (
          <DropdownMenuItem onSelect={() => assign(null, "")}>
            <UserRoundMinusIcon />
            Unassign
          </DropdownMenuItem>
        )}
        {members.some((m) => m.id !== me) && (
          <>
            <DropdownMenuSeparator />
            <DropdownMenuLabel className="text-xs font-normal text-muted-foreground">Assign to</DropdownMenuLabel>
            {members
              .filter((m) => m.id !== me)
              .map((m) => (
                <DropdownMenuItem key={m.id} onSelect={() => assign(m.id, m.label)}>
                  <span className="grid size-5 place-items-center rounded-full bg-muted text-[0.6rem] font-semibold">
                    {initials(m.label)}
                  </span>
                  <span className="truncate">{m.label}</span>
                  {assignee?.id === m.id && <CheckIcon className="ml-auto" />}
                </DropdownMenuItem>
              ))}
          </>
        )}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
