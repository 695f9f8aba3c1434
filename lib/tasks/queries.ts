import "server-only";
import { and, asc, eq, gt, inArray, isNull, lt, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { tasks, type TaskKind, type TaskStatus } from "@/db/schema";
import { canSeeQueue, type Principal } from "@/lib/access/principal";
import { notFound } from "@/lib/errors";
import { getQueueRoles } from "@/lib/queues";
import { toTaskDto } from "./dto";
import { keysetPage } from "@/lib/pagination";

/** Queue names a user principal may not see; null for API keys and unrestricted users. */
async function hiddenQueues(db: DbOrTx, principal: Principal): Promise<string[] | null> {
  if (principal.kind === "api_key") return null;
  const roles = await getQueueRoles(principal.teamId, db);
  const hidden = [...roles.entries()].filter(([name, r]) => !canSeeQueue(principal, name, r)).map(([n]) => n);
  return hidden;
}

export interface TaskFilters {
  status?: TaskStatus;
  queue?: string;
  runId?: string;
  kind?: TaskKind;
  workflow?: string;
  assignee?: string | "none";
  overdue?: boolean;
}

/** Oldest first (a queue is worked FIFO), keyset-paginated on the time-ordered id. */
export async function listTasks(
  params: { principal: Principal; filters: TaskFilters; cursor?: string; limit: number; order?: "asc" | "desc" },
  db: DbOrTx = getDb(),
) {
  const { principal, filters: f } = params;
  const hidden = await hiddenQueues(db, principal);
  if (principal.kind === "user" && principal.queues && f.queue && !principal.queues.includes(f.queue) && principal.role !== "owner") {
    return { items: [], nextCursor: null };
  }
  const desc = params.order === "desc";
  const rows = await db
    .select()
    .from(tasks)
    .where(
      and(
        eq(tasks.teamId, principal.teamId),
        f.status ? eq(tasks.status, f.status) : undefined,
        f.queue ? eq(tasks.queue, f.queue) : undefined,
        f.runId ? eq(tasks.runId, f.runId) : undefined,
        f.kind ? eq(tasks.kind, f.kind) : undefined,
        f.workflow ? eq(tasks.workflow, f.workflow) : undefined,
        f.assignee === "none" ? isNull(tasks.assigneeId) : f.assignee ? eq(tasks.assigneeId, f.assignee) : undefined,
        f.overdue ? sql`${tasks.dueAt} < now()` : undefined,
        hidden && hidden.length > 0 ? sql`${tasks.queue} <> all(${sqlTextArray(hidden)})` : undefined,
        principal.kind === "user" && principal.queues && principal.role !== "owner" ? inArray(tasks.queue, principal.queues) : undefined,
        params.cursor ? (desc ? lt(tasks.id, params.cursor) : gt(tasks.id, params.cursor)) : undefined,
      ),
    )
    .orderBy(desc ? sql`${tasks.id} desc` : asc(tasks.id))
    .limit(params.limit + 1);
  return keysetPage(rows, params.limit, toTaskDto);
}

function sqlTextArray(values: string[]) {
  return sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;
}

export async function getTaskRowOrThrow(params: { principal: Principal; taskId: string }, db: DbOrTx = getDb()) {
  const [task] = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.id, params.taskId), eq(tasks.teamId, params.principal.teamId)))
    .limit(1);
  if (!task) throw notFound("task", params.taskId);
  if (params.principal.kind === "user") {
    const roles = await getQueueRoles(params.principal.teamId, db);
    if (!canSeeQueue(params.principal, task.queue, roles.get(task.queue) ?? null)) throw notFound("task", params.taskId);
  }
  return task;
}

export async function getTaskOrThrow(params: { principal: Principal; taskId: string }, db: DbOrTx = getDb()) {
  return toTaskDto(await getTaskRowOrThrow(params, db));
}
