import "server-only";
import { and, asc, eq, gt, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { tasks, type TaskKind, type TaskStatus } from "@/db/schema";
import type { Principal } from "@/lib/access/principal";
import { queueVisibility } from "@/lib/access/visibility";
import { notFound } from "@/lib/errors";
import { toTaskDto } from "./dto";
import { keysetPage } from "@/lib/pagination";

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
  const visibility = await queueVisibility(principal, db);
  if (f.queue && !visibility.canSee(f.queue)) return { items: [], nextCursor: null };
  const desc = params.order === "desc";
  const rows = await db
    .select()
    .from(tasks)
    .where(
      and(
        eq(tasks.teamId, principal.teamId),
        f.status ? eq(tasks.status, f.status) : undefined,
        f.queue ? eq(tasks.queue, f.queue) : undefined,
        // A fanned-out run's tasks carry its id; a child run's own are found by childRunId.
        f.runId ? or(eq(tasks.runId, f.runId), eq(tasks.childRunId, f.runId)) : undefined,
        f.kind ? eq(tasks.kind, f.kind) : undefined,
        f.workflow ? eq(tasks.workflow, f.workflow) : undefined,
        f.assignee === "none" ? isNull(tasks.assigneeId) : f.assignee ? eq(tasks.assigneeId, f.assignee) : undefined,
        f.overdue ? sql`${tasks.dueAt} < now()` : undefined,
        visibility.tasks(),
        params.cursor ? (desc ? lt(tasks.id, params.cursor) : gt(tasks.id, params.cursor)) : undefined,
      ),
    )
    .orderBy(desc ? sql`${tasks.id} desc` : asc(tasks.id))
    .limit(params.limit + 1);
  return keysetPage(rows, params.limit, toTaskDto);
}

export async function getTaskRowOrThrow(params: { principal: Principal; taskId: string }, db: DbOrTx = getDb()) {
  const [task] = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.id, params.taskId), eq(tasks.teamId, params.principal.teamId)))
    .limit(1);
  if (!task) throw notFound("task", params.taskId);
  // Hidden queues are invisible: the same 404 as another team's task (users and queue-limited keys).
  const visibility = await queueVisibility(params.principal, db);
  if (!visibility.canSee(task.queue)) throw notFound("task", params.taskId);
  return task;
}

export async function getTaskOrThrow(params: { principal: Principal; taskId: string }, db: DbOrTx = getDb()) {
  return toTaskDto(await getTaskRowOrThrow(params, db));
}
