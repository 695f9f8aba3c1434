import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { getDb, type DbOrTx } from "@/db/client";
import { queues, ROLES, type Actor, type QueueRow, type Role } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";

/**
 * Queues group review tasks (`tasks.queue` holds the name). A `queues` row adds a description and
 * which roles may decide its tasks; a task's queue without a row behaves like the defaults.
 */
export const DEFAULT_QUEUE_ROLES: Role[] = ["owner", "admin", "reviewer"];

export const queueNameSchema = z
  .string()
  .trim()
  .min(1, "queue name is required")
  .max(48, "queue name must be at most 48 characters")
  .regex(/^[a-z0-9][a-z0-9_-]*$/, "queue name may contain only lowercase letters, digits, '-' and '_'");

/** Deciding roles; owners may always decide, so they are always included. */
export const queueRolesSchema = z.array(z.enum(ROLES)).transform((roles) => ROLES.filter((r) => r === "owner" || roles.includes(r)));

export type Queue = Pick<QueueRow, "id" | "name" | "description" | "roles" | "createdAt">;

export async function listQueues(teamId: string, db: DbOrTx = getDb()): Promise<Queue[]> {
  return db
    .select({ id: queues.id, name: queues.name, description: queues.description, roles: queues.roles, createdAt: queues.createdAt })
    .from(queues)
    .where(eq(queues.teamId, teamId))
    .orderBy(asc(queues.name));
}

export async function getQueue(params: { teamId: string; name: string }, db: DbOrTx = getDb()): Promise<Queue | null> {
  const [row] = await db
    .select({ id: queues.id, name: queues.name, description: queues.description, roles: queues.roles, createdAt: queues.createdAt })
    .from(queues)
    .where(and(eq(queues.teamId, params.teamId), eq(queues.name, params.name)))
    .limit(1);
  return row ?? null;
}

/** name → deciding roles, for canWorkQueue/canSeeQueue over many tasks at once. */
export async function getQueueRoles(teamId: string, db: DbOrTx = getDb()): Promise<Map<string, Role[]>> {
  const rows = await db.select({ name: queues.name, roles: queues.roles }).from(queues).where(eq(queues.teamId, teamId));
  return new Map(rows.map((r) => [r.name, r.roles]));
}

/** Creates the queue or updates its description and roles (audited as queue.created / queue.updated). */
export async function upsertQueue(
  params: {
    teamId: string;
    name: string;
    description?: string | null;
    roles?: Role[];
    actor?: Actor;
    /** Refuse (409) instead of updating when the queue exists, e.g. a "New queue" form. */
    createOnly?: boolean;
  },
  db: DbOrTx = getDb(),
): Promise<Queue> {
  const name = queueNameSchema.parse(params.name);
  const roles = queueRolesSchema.parse(params.roles ?? DEFAULT_QUEUE_ROLES);
  const description = params.description?.trim() || null;
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(queues)
      .where(and(eq(queues.teamId, params.teamId), eq(queues.name, name)))
      .for("update")
      .limit(1);
    if (before && params.createOnly) {
      throw new AppError("conflict", `A queue named '${name}' already exists: edit it instead.`);
    }
    let row: QueueRow | undefined;
    if (before) {
      [row] = await tx.update(queues).set({ description, roles }).where(eq(queues.id, before.id)).returning();
    } else {
      [row] = await tx
        .insert(queues)
        .values({ id: newId("queue"), teamId: params.teamId, name, description, roles })
        .onConflictDoUpdate({ target: [queues.teamId, queues.name], set: { description, roles } })
        .returning();
    }
    if (!row) throw new AppError("internal", `Could not save queue '${name}'.`);
    if (params.actor) {
      await recordAudit(tx, {
        teamId: params.teamId,
        actor: params.actor,
        action: before ? "queue.updated" : "queue.created",
        subjectType: "queue",
        subjectId: row.id,
        data: {
          name,
          before: before ? { description: before.description, roles: before.roles } : null,
          after: { description, roles },
        },
      });
    }
    return { id: row.id, name: row.name, description: row.description, roles: row.roles, createdAt: row.createdAt };
  });
}

/**
 * Makes sure a row exists for `name` (default roles), leaving an existing row untouched.
 * For services that route tasks into a queue, e.g. when a workflow first uses it.
 */
export async function ensureQueue(db: DbOrTx, params: { teamId: string; name: string; description?: string | null }): Promise<Queue> {
  const name = queueNameSchema.parse(params.name);
  await db
    .insert(queues)
    .values({ id: newId("queue"), teamId: params.teamId, name, description: params.description?.trim() || null })
    .onConflictDoNothing({ target: [queues.teamId, queues.name] });
  const row = await getQueue({ teamId: params.teamId, name }, db);
  if (!row) throw new AppError("internal", `Could not ensure queue '${name}'.`);
  return row;
}

/** ensureQueue for many names in one statement (a run that pauses in several queues at once). */
export async function ensureQueues(db: DbOrTx, teamId: string, names: string[]) {
  const unique = [...new Set(names)];
  if (unique.length === 0) return;
  await db
    .insert(queues)
    .values(unique.map((name) => ({ id: newId("queue"), teamId, name })))
    .onConflictDoNothing({ target: [queues.teamId, queues.name] });
}
