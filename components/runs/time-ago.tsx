import { cn } from "@/lib/utils";

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];
const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const absolute = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });
const clock = new Intl.DateTimeFormat("en-GB", { timeStyle: "medium", timeZone: "UTC" });

/** "3 minutes ago"; under a minute, "just now". */
export function formatRelative(date: Date, now = Date.now()) {
  const seconds = Math.round((date.getTime() - now) / 1000);
  if (Math.abs(seconds) < 45) return "just now";
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return relative.format(Math.round(seconds / 60), "minute");
}

/** "Jan 5, 2026, 14:03:12 UTC" */
export function formatAbsolute(date: Date) {
  return `${absolute.format(date)} UTC`;
}

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
  const text = format === "absolute" ? formatAbsolute(d) : format === "clock" ? clock.format(d) : formatRelative(d);
  return (
    <time
      dateTime={d.toISOString()}
      title={formatAbsolute(d)}
      suppressHydrationWarning
      className={cn("whitespace-nowrap tabular-nums", className)}
    >
      {text}
    </time>
  );
}
