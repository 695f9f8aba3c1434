/**
 * The one place that turns times into text, for server and client components alike (no
 * server-only imports). Absolute times are always UTC and 24-hour, so one instant reads the
 * same on every page whatever the server's or the reader's time zone.
 */

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];
const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const dateTime = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC", hourCycle: "h23" });
const clock = new Intl.DateTimeFormat("en-GB", { timeStyle: "medium", timeZone: "UTC", hourCycle: "h23" });

const toDate = (date: Date | string | number) => (date instanceof Date ? date : new Date(date));

/** "3 days ago", "in 2 hours", "just now" (under a minute). */
export function formatRelative(date: Date | string, now: Date | number = Date.now()): string {
  const seconds = Math.round((toDate(date).getTime() - toDate(now).getTime()) / 1000);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.trunc(seconds / size), unit);
  }
  return "just now";
}

/** "Mar 4, 2026, 14:05 UTC". */
export function formatDateTime(date: Date | string): string {
  return `${dateTime.format(toDate(date))} UTC`;
}

/** "14:05:12 UTC", for timelines within one run. */
export function formatClock(date: Date | string): string {
  return `${clock.format(toDate(date))} UTC`;
}

/** Compact ages for dense lists: "now", "4m", "3h", "2d", "5w". */
export function formatAge(from: Date | string, now: number): string {
  const s = Math.max(0, Math.round((now - toDate(from).getTime()) / 1000));
  if (s < 60) return "now";
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h`;
  if (s < 86_400 * 14) return `${Math.floor(s / 86_400)}d`;
  return `${Math.floor(s / (86_400 * 7))}w`;
}

/** "in 3h" / "2d ago" for due dates. */
export function formatDue(due: Date | string, now: number): string {
  const at = toDate(due).getTime();
  const age = formatAge(new Date(now - Math.abs(at - now)), now);
  if (age === "now") return "now";
  return at >= now ? `in ${age}` : `${age} ago`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The request's time for server-rendered ages (passed down to client lists as `now`). */
export function requestNow(): number {
  return Date.now();
}

/** "1 of 2 approvals, by Ada" — the progress of a task that needs several approvals. */
export function quorumProgress(by: string[], needed: number): string {
  const count = `${by.length} of ${needed} approvals`;
  return by.length > 0 ? `${count}, by ${by.join(", ")}` : count;
}
