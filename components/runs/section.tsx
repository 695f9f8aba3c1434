import { useId } from "react";
import { cn } from "@/lib/utils";

/** A titled block of a detail page; the heading names the region for assistive tech. */
export function Section({
  title,
  count,
  actions,
  className,
  children,
}: {
  title: string;
  count?: number | string;
  actions?: React.ReactNode;
  className?: string;
  children: React.ReactNode;
}) {
  const id = useId();
  return (
    <section aria-labelledby={id} className={cn("grid min-w-0 content-start gap-3", className)}>
      <div className="flex items-center justify-between gap-2">
        <h2 id={id} className="flex items-center gap-2 text-sm font-medium">
          {title}
          {count !== undefined && <span className="rounded-full bg-muted px-1.5 text-xs text-muted-foreground tabular-nums">{count}</span>}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}
