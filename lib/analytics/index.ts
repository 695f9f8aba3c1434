import "server-only";
import { and, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { feedback, tasks } from "@/db/schema";
import type { Analytics } from "@/lib/contract";

/** Which tasks the figures are about: one team's, created in [from, to), optionally one workflow or queue. */
export interface AnalyticsScope {
  teamId: string;
  workflow?: string;
  queue?: string;
  from?: Date;
  to?: Date;
  /** The queues the caller may see: lib/access/visibility's `queueVisibility(principal).tasks()`. */
  visible?: SQL;
}

function scopeWhere(scope: AnalyticsScope): SQL {
  return and(
    eq(tasks.teamId, scope.teamId),
    scope.workflow ? eq(tasks.workflow, scope.workflow) : undefined,
    scope.queue ? eq(tasks.queue, scope.queue) : undefined,
    scope.from ? gte(tasks.createdAt, scope.from) : undefined,
    scope.to ? lt(tasks.createdAt, scope.to) : undefined,
    scope.visible,
  )!;
}

const decided = sql`${tasks.status} = 'decided'`;
const action = (name: string) => sql`count(*) filter (where ${decided} and ${tasks.decision}->>'action' = ${name})`;
const decisionMs = sql`extract(epoch from (${tasks.decidedAt} - ${tasks.createdAt})) * 1000`;
// percentile_cont: the usual interpolated percentile (the median of 1, 2, 3, 4 is 2.5).
const percentile = (p: number) =>
  sql`percentile_cont(${sql.raw(String(p))}) within group (order by ${decisionMs}) filter (where ${decided})`;

/** The aggregate columns shared by the totals and every breakdown: one pass over the tasks. */
const figures = {
  created: sql<string>`count(*)`,
  decided: sql<string>`count(*) filter (where ${decided})`,
  pending: sql<string>`count(*) filter (where ${tasks.status} = 'pending')`,
  approve: action("approve"),
  edit: action("edit"),
  reject: action("reject"),
  respond: action("respond"),
  expired: sql<string>`count(*) filter (where ${tasks.status} = 'expired')`,
  p50: percentile(0.5),
  p90: percentile(0.9),
};

type FigureRow = { [K in keyof typeof figures]: unknown };

function toAnalytics(row: FigureRow): Analytics {
  const n = (v: unknown) => Number(v ?? 0);
  const ms = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v)));
  const decidedCount = n(row.decided);
  const rate = (count: number) => (decidedCount === 0 ? null : count / decidedCount);
  return {
    created: n(row.created),
    decided: decidedCount,
    pending: n(row.pending),
    approve: n(row.approve),
    edit: n(row.edit),
    reject: n(row.reject),
    respond: n(row.respond),
    expired: n(row.expired),
    approvalRate: rate(n(row.approve)),
    editRate: rate(n(row.edit)),
    rejectRate: rate(n(row.reject)),
    decisionMs: { p50: ms(row.p50), p90: ms(row.p90) },
  };
}

/** The figures of `GET /api/v1/analytics`. */
export async function getAnalytics(scope: AnalyticsScope, db: DbOrTx = getDb()): Promise<Analytics> {
  const [row] = await db.select(figures).from(tasks).where(scopeWhere(scope));
  return toAnalytics(row!);
}

export type AnalyticsDimension = "workflow" | "queue" | "reviewer";

const dimensionKey: Record<AnalyticsDimension, SQL<string | null>> = {
  workflow: sql`coalesce(${tasks.workflow}, '(standalone)')`,
  queue: sql`${tasks.queue}`,
  // Only decided tasks have a reviewer; the rest fall in one "(undecided)" group, dropped below.
  reviewer: sql`case when ${decided} then (${tasks.decision}->'actor'->>'type') || ':' || (${tasks.decision}->'actor'->>'id') end`,
};

/** The same figures per workflow, per queue or per reviewer (`type:id`), largest first (at most 50 groups). */
export async function getAnalyticsBreakdown(
  scope: AnalyticsScope,
  dimension: AnalyticsDimension,
  db: DbOrTx = getDb(),
): Promise<Array<{ key: string } & Analytics>> {
  const key = dimensionKey[dimension];
  const rows = await db
    .select({ key, ...figures })
    .from(tasks)
    .where(and(scopeWhere(scope), dimension === "reviewer" ? decided : undefined))
    .groupBy(key)
    .orderBy(sql`count(*) desc`, key)
    .limit(50);
  return rows.map((row) => ({ key: row.key ?? "", ...toAnalytics(row) }));
}

/** Tasks created and decided per UTC day over the window (days without tasks are left out). */
export async function getDailyVolume(scope: AnalyticsScope, db: DbOrTx = getDb()) {
  const day = sql<string>`to_char(date_trunc('day', ${tasks.createdAt} at time zone 'UTC'), 'YYYY-MM-DD')`;
  const rows = await db
    .select({ day, created: sql<string>`count(*)`, decided: sql<string>`count(*) filter (where ${decided})` })
    .from(tasks)
    .where(scopeWhere(scope))
    .groupBy(day)
    .orderBy(day)
    .limit(400);
  return rows.map((r) => ({ day: r.day, created: Number(r.created), decided: Number(r.decided) }));
}

/**
 * How often reviewers edit each field of the drafts: from the field changes saved with every
 * edit (feedback), as a share of the edited tasks in scope. Top 20 fields.
 */
export async function getEditedFields(scope: AnalyticsScope, db: DbOrTx = getDb()) {
  const path = sql<string>`change->>'path'`;
  const rows = await db
    .select({ path, edits: sql<string>`count(distinct ${feedback.taskId})` })
    .from(feedback)
    .innerJoin(tasks, eq(tasks.id, feedback.taskId))
    .crossJoin(sql`jsonb_array_elements(coalesce(${feedback.diff}->'changes', '[]'::jsonb)) as change`)
    .where(scopeWhere(scope))
    .groupBy(path)
    .orderBy(sql`count(distinct ${feedback.taskId}) desc`, path)
    .limit(20);
  return rows.map((r) => ({ path: r.path, edits: Number(r.edits) }));
}
