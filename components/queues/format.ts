/** Compact ages for dense lists: "now", "4m", "3h", "2d", "5w". */
export function formatAge(fromIso: string, now: number): string {
  const s = Math.max(0, Math.round((now - new Date(fromIso).getTime()) / 1000));
  if (s < 60) return "now";
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h`;
  if (s < 86_400 * 14) return `${Math.floor(s / 86_400)}d`;
  return `${Math.floor(s / (86_400 * 7))}w`;
}

/** "in 3h" / "2d ago" for due dates. */
export function formatDue(dueIso: string, now: number): string {
  const due = new Date(dueIso).getTime();
  const age = formatAge(new Date(now - Math.abs(due - now)).toISOString(), now);
  if (age === "now") return "now";
  return due >= now ? `in ${age}` : `${age} ago`;
}

export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The request's time for server-rendered ages (passed down to client lists as `now`). */
export function requestNow(): number {
  return Date.now();
}
