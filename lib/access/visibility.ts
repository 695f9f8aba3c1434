import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { runs, tasks } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { getQueueRoles } from "@/lib/queues";
import type { Role } from "@/lib/contract/enums";
import { canSeeQueue, canWorkQueue, type Principal } from "./principal";

/**
 * The one visibility rule: "may this principal see this queue", as a check and as SQL.
 * A queue hidden from a principal hides everything of it: its tasks, the runs that have a task in
 * it (input, output, timeline, cancel), their audit events and feedback. Owners see everything.
 * Every list and lookup of tasks, runs, audit, feedback, settings and live events goes through here.
 */
export interface QueueVisibility {
  /** False when this principal sees every queue (no filter needed anywhere). */
  readonly restricted: boolean;
  canSee(queue: string): boolean;
  /**
   * May this principal decide (and claim) tasks in a queue it sees? A permission on top of
   * visibility, from the same queue roles: callers answer 404 when !canSee, 403 when !canWork.
   */
  canWork(queue: string): boolean;
  /** A condition on a queue-name expression (e.g. `tasks.queue`); undefined when unrestricted. */
  queueFilter(queue: SQL | SQL.Aliased | unknown): SQL | undefined;
  /** A condition on a run-id expression: the run has no task in a hidden queue. */
  runFilter(runId: unknown): SQL | undefined;
  /** Conditions on the `tasks` and `runs` tables (for services that take a ready `visible` SQL). */
  tasks(): SQL | undefined;
  runs(): SQL | undefined;
  /** A condition on an audit event row (subject, data.runId, data.queue). */
  auditFilter(): SQL | undefined;
  /** A condition on a feedback row (its task's queue and run). */
  feedbackFilter(): SQL | undefined;
}

function textArray(values: string[]) {
  if (values.length === 0) return sql`array[]::text[]`;
  return sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;
}

/**
 * The same rule as a check only, for many principals of one team with its queue roles loaded once
 * (the notifier judges every member: who may see, who may work each queue).
 */
export function queueAccess(principal: Principal, roles: ReadonlyMap<string, readonly Role[] | null>) {
  return {
    canSee: (queue: string) => canSeeQueue(principal, queue, roles.get(queue) ?? null),
    canWork: (queue: string) => canWorkQueue(principal, queue, roles.get(queue) ?? null),
  };
}

export async function queueVisibility(principal: Principal, db: DbOrTx = getDb()): Promise<QueueVisibility> {
  const roles = await getQueueRoles(principal.teamId, db);
  const allow = principal.kind === "api_key" || principal.role !== "owner" ? principal.queues : null;
  const hidden = [...roles.entries()].filter(([name, r]) => !canSeeQueue(principal, name, r)).map(([name]) => name);
  const restricted = Boolean(allow) || hidden.length > 0;
  const { canSee, canWork } = queueAccess(principal, roles);
  if (!restricted) {
    return {
      restricted,
      canSee,
      canWork,
      queueFilter: () => undefined,
      runFilter: () => undefined,
      tasks: () => undefined,
      runs: () => undefined,
      auditFilter: () => undefined,
      feedbackFilter: () => undefined,
    };
  }
  // Same semantics as canSeeQueue: queues without a row use the default roles (visible unless the
  // principal is limited to a list), so the SQL is "not a hidden queue, and in the list if any".
  const visible = (q: unknown) => sql`(${q} <> all(${textArray(hidden)})${allow ? sql` and ${q} = any(${textArray(allow)})` : sql``})`;
  const runVisible = (runId: unknown) =>
    sql`not exists (select 1 from tasks vis_t where (vis_t.run_id = ${runId} or vis_t.child_run_id = ${runId}) and not ${visible(sql`vis_t.queue`)})`;
  return {
    restricted,
    canSee,
    canWork,
    queueFilter: (q) => visible(q),
    runFilter: (runId) => runVisible(runId),
    tasks: () => visible(tasks.queue),
    runs: () => runVisible(runs.id),
    auditFilter: () => sql`(
      (audit_events.data->>'queue' is null or ${visible(sql`audit_events.data->>'queue'`)})
      and not exists (select 1 from tasks vis_a where audit_events.subject_type = 'task' and vis_a.id = audit_events.subject_id
                      and (not ${visible(sql`vis_a.queue`)} or (vis_a.run_id is not null and not ${runVisible(sql`vis_a.run_id`)})))
      and (audit_events.subject_type <> 'run' or ${runVisible(sql`audit_events.subject_id`)})
      and (audit_events.data->>'runId' is null or ${runVisible(sql`audit_events.data->>'runId'`)})
    )`,
    feedbackFilter: () => sql`exists (select 1 from tasks vis_f where vis_f.id = feedback.task_id and ${visible(sql`vis_f.queue`)}
      and (vis_f.run_id is null or ${runVisible(sql`vis_f.run_id`)}))`,
  };
}

/** Shorthand for the API routes and pages: the SQL that hides runs of queues this principal may not see. */
export async function visibleRuns(principal: Principal) {
  return (await queueVisibility(principal)).runs();
}

/** Throws the same 404 as another team's object when the principal may not see this queue. */
export function assertVisibleQueue(visibility: QueueVisibility, queue: string, what: string, id: string) {
  if (!visibility.canSee(queue)) throw new AppError("not_found", `No ${what} with id '${id}' in this team.`);
}
