import { BanIcon, CheckIcon, ClockIcon, MessageCircleReplyIcon, PencilIcon, TimerOffIcon, XIcon } from "lucide-react";
import type { Task as TaskDto } from "@/lib/contract";
import { Badge } from "@/components/ui/badge";

/** A task's state as a reviewer reads it: pending, or what was decided. */
export function TaskStatusBadge({ task }: { task: Pick<TaskDto, "status" | "decision"> }) {
  if (task.status === "pending") {
    return (
      <Badge variant="warning">
        <ClockIcon aria-hidden />
        Pending
      </Badge>
    );
  }
  if (task.status === "expired") {
    return (
      <Badge variant="outline" className="text-muted-foreground">
        <TimerOffIcon aria-hidden />
        Expired
      </Badge>
    );
  }
  if (task.status === "cancelled") {
    return (
      <Badge variant="outline" className="text-muted-foreground">
        <BanIcon aria-hidden />
        Cancelled
      </Badge>
    );
  }
  switch (task.decision?.action) {
    case "approve":
      return (
        <Badge variant="success">
          <CheckIcon aria-hidden />
          Approved
        </Badge>
      );
    case "edit":
      return (
        <Badge variant="success">
          <PencilIcon aria-hidden />
          Edited
        </Badge>
      );
    case "reject":
      return (
        <Badge variant="destructive">
          <XIcon aria-hidden />
          Rejected
        </Badge>
      );
    case "respond":
      return (
        <Badge variant="secondary">
          <MessageCircleReplyIcon aria-hidden />
          Answered
        </Badge>
      );
    default:
      return <Badge variant="secondary">Decided</Badge>;
  }
}
