import { formatClock, formatDateTime, formatRelative } from "@/lib/format";
import { cn } from "@/lib/utils";

/**
 * A timestamp as people read it: "5 minutes ago" (default), the full UTC date (`absolute`) or
 * the UTC clock time (`clock`), with the exact time in the tooltip and a machine-readable `dateTime`.
 */
export function TimeAgo({
  date,
  format = "relative",
  className,
}: {
  date: string | Date;
  format?: "relative" | "absolute" | "clock";
  className?: string;
}) {
  const d = typeof date === "string" ? new Date(date) : date;
  if (Number.isNaN(d.getTime())) return null;
  const text = format === "absolute" ? formatDateTime(d) : format === "clock" ? formatClock(d) : formatRelative(d);
  return (
    <time
      dateTime={d.toISOString()}
      title={formatDateTime(d)}
      suppressHydrationWarning
      className={cn("whitespace-nowrap tabular-nums", className)}
    >
      {text}
    </time>
  );
}
