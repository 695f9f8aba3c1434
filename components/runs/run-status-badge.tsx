import { BanIcon, CircleCheckIcon, CircleDashedIcon, CircleXIcon, LoaderCircleIcon, PauseCircleIcon } from "lucide-react";
import type { RunStatus } from "@/lib/contract";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/lib/utils";

export const RUN_STATUS_META: Record<
  RunStatus,
  { label: string; icon: typeof BanIcon; variant: "outline" | "secondary" | "warning" | "success" | "destructive"; spin?: boolean }
> = {
  queued: { label: "Queued", icon: CircleDashedIcon, variant: "outline" },
  running: { label: "Running", icon: LoaderCircleIcon, variant: "secondary", spin: true },
  waiting: { label: "Waiting for review", icon: PauseCircleIcon, variant: "warning" },
  completed: { label: "Completed", icon: CircleCheckIcon, variant: "success" },
  failed: { label: "Failed", icon: CircleXIcon, variant: "destructive" },
  cancelled: { label: "Cancelled", icon: BanIcon, variant: "outline" },
};

export function RunStatusBadge({ status, className }: { status: RunStatus; className?: string }) {
  const meta = RUN_STATUS_META[status];
  const Icon = meta.icon;
  return (
    <Badge variant={meta.variant} className={cn(status === "cancelled" && "text-muted-foreground", className)} data-status={status}>
      <Icon aria-hidden className={cn(meta.spin && "animate-spin motion-reduce:animate-none")} />
      {meta.label}
    </Badge>
  );
}
