import { cn } from "@/lib/utils";

/** The product mark: a paused run (two bars) inside a rounded square, plus the name. */
export function Logo({ className, showName = true }: { className?: string; showName?: boolean }) {
  return (
    <span className={cn("inline-flex items-center gap-2 font-semibold tracking-tight", className)}>
      <span aria-hidden className="grid size-6 place-items-center rounded-md bg-primary text-primary-foreground">
        <svg viewBox="0 0 16 16" className="size-3.5" fill="currentColor">
          <rect x="4" y="3" width="3" height="10" rx="1" />
          <rect x="9" y="3" width="3" height="10" rx="1" />
        </svg>
      </span>
      {showName && <span className="text-sm">AgentControlLayer</span>}
    </span>
  );
}
