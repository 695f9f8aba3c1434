import { z } from "zod";
import type { AuditFilters } from "@/lib/audit";

/** The audit filters as URL search params (so a filtered view is a link anyone can open). */
export const AUDIT_PARAMS = ["actor", "action", "subjectType", "subject", "from", "to"] as const;
export type AuditParams = Partial<Record<(typeof AUDIT_PARAMS)[number], string>>;

const text = z.string().trim().min(1).max(200).optional().catch(undefined);
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)))
  .optional()
  .catch(undefined);

const schema = z.object({
  actor: text,
  action: text,
  subjectType: text,
  subject: text,
  from: day,
  to: day,
  cursor: text,
});

type Raw = Record<string, string | string[] | undefined> | URLSearchParams;

/** Invalid values are dropped rather than failing the page: a hand-edited URL still renders. */
export function parseAuditParams(raw: Raw) {
  const get = (k: string) => {
    const v = raw instanceof URLSearchParams ? raw.get(k) : raw[k];
    return (Array.isArray(v) ? v[0] : v) ?? undefined;
  };
  const p = schema.parse(Object.fromEntries(["cursor", ...AUDIT_PARAMS].map((k) => [k, get(k)])));
  // Days are UTC calendar days: `to` includes the whole day.
  const filters: AuditFilters = {
    actorId: p.actor,
    action: p.action,
    subjectType: p.subjectType,
    subjectId: p.subject,
    from: p.from ? new Date(`${p.from}T00:00:00.000Z`) : undefined,
    to: p.to ? new Date(`${p.to}T23:59:59.999Z`) : undefined,
  };
  const params: AuditParams = Object.fromEntries(AUDIT_PARAMS.flatMap((k) => (p[k] ? [[k, p[k]]] : [])));
  return { filters, params, cursor: p.cursor };
}

/** `/audit?…` (or another path) for these params plus a patch; undefined values are removed. */
export function auditHref(params: AuditParams & { cursor?: string }, path = "/audit") {
  const q = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1])));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
