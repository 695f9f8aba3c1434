import { Badge } from "@/components/ui/badge";
import type { Task } from "./types";

const VARIANT = {
  pending: "warning",
  decided: "success",
  expired: "secondary",
  cancelled: "secondary",
} as const satisfies Record<Task["status"], "warning" | "success" | "secondary">;

export function TaskStatusBadge({ status }: { status: Task["status"] }) {
  return (
    <Badge variant={VARIANT[status]} className="capitalize">
      {status}
    </Badge>
  );
}

const KIND_LABEL: Record<Task["kind"], string> = { approval: "Approval", clarification: "Clarification", review: "Review" };

export function TaskKindBadge({ kind }: { kind: Task["kind"] }) {
  return <Badge variant="outline">{KIND_LABEL[kind]}</Badge>;
}
