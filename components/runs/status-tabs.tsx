import Link from "next/link";
import { RUN_STATUSES, type RunStatus } from "@/lib/contract";
import { cn } from "@/lib/utils";
import { RUN_STATUS_META } from "./run-status-badge";

const SHORT: Record<RunStatus, string> = {
  queued: "Queued",
  running: "Running",
  waiting: "Waiting",
  completed: "Completed",
  failed: "Failed",
  cancelled: "Cancelled",
};

/** Status filter as links (linkable, no JavaScript); keeps the other params, drops the cursor. */
export function StatusTabs({ current, params }: { current?: RunStatus; params: Record<string, string | undefined> }) {
  const href = (status?: RunStatus) => {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v && k !== "status" && k !== "cursor") query.set(k, v);
    if (status) query.set("status", status);
    const s = query.toString();
    return s ? `/runs?${s}` : "/runs";
  };
  const items: Array<{ status?: RunStatus; label: string }> = [
    { label: "All" },
    ...RUN_STATUSES.map((s) => ({ status: s, label: SHORT[s] })),
  ];
  return (
    <nav aria-label="Filter by status" className="-mx-1 max-w-full min-w-0 overflow-x-auto px-1">
      <ul className="flex w-max items-center gap-1 rounded-lg bg-muted p-1">
        {items.map(({ status, label }) => {
          const active = status === current;
          const Icon = status ? RUN_STATUS_META[status].icon : null;
          return (
            <li key={label}>
              <Link
                href={href(status)}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "flex h-7 items-center gap-1.5 rounded-md px-2.5 text-sm font-medium whitespace-nowrap text-muted-foreground transition-colors outline-none",
                  "hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50",
                  active && "bg-background text-foreground shadow-sm dark:bg-input/40",
                )}
              >
                {Icon && <Icon aria-hidden className="size-3.5" />}
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
