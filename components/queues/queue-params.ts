import { z } from "zod";

/** The queue page's URL search params: filters, page size and keyset cursor. */
export const PAGE_SIZES = [25, 50, 100, 200] as const;
export const DEFAULT_PAGE_SIZE = 50;
export const TASK_KINDS = ["approval", "clarification", "review"] as const;

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const optionalText = z.preprocess(one, z.string().trim().min(1).max(200).optional().catch(undefined));

export const queueParamsSchema = z.object({
  workflow: optionalText,
  kind: z.preprocess(one, z.enum(TASK_KINDS).optional().catch(undefined)),
  /** "none" = unassigned, "me" = the viewer, else a user id. */
  assignee: optionalText,
  overdue: z.preprocess((v) => one(v) === "1" || one(v) === "true", z.boolean()),
  limit: z.preprocess(
    (v) => Number(one(v) ?? DEFAULT_PAGE_SIZE),
    z
      .number()
      .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
      .catch(DEFAULT_PAGE_SIZE),
  ),
  cursor: optionalText,
});
export type QueueParams = z.infer<typeof queueParamsSchema>;

export function parseQueueParams(raw: Record<string, string | string[] | undefined>): QueueParams {
  return queueParamsSchema.parse(raw);
}

/** The URL of the queue page with some params changed (a filter change drops the cursor). */
export function queueHref(queue: string, params: QueueParams, patch: Partial<QueueParams>): string {
  const next = { ...params, ...patch };
  if (!("cursor" in patch)) next.cursor = undefined;
  const sp = new URLSearchParams();
  if (next.workflow) sp.set("workflow", next.workflow);
  if (next.kind) sp.set("kind", next.kind);
  if (next.assignee) sp.set("assignee", next.assignee);
  if (next.overdue) sp.set("overdue", "1");
  if (next.limit !== DEFAULT_PAGE_SIZE) sp.set("limit", String(next.limit));
  if (next.cursor) sp.set("cursor", next.cursor);
  const qs = sp.toString();
  return `/queues/${encodeURIComponent(queue)}${qs ? `?${qs}` : ""}`;
}

export function hasFilters(p: QueueParams) {
  return Boolean(p.workflow || p.kind || p.assignee || p.overdue);
}
