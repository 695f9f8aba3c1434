import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { digestItems, memberships, queues, tasks, teams, users, type Actor, type Role, type TaskRow } from "@/db/schema";
import type { Principal } from "@/lib/access/principal";
import { queueAccess } from "@/lib/access/visibility";
import { env } from "@/lib/env";
import { newId } from "@/lib/ids";
import { enqueueJob } from "@/lib/jobs";
import { enqueueNotification } from "@/lib/mail";
import {
  assignedEmail,
  deadlineApproachingEmail,
  digestEmail,
  escalatedEmail,
  newTaskEmail,
  type DigestGroup,
  type RenderedEmail,
  type TaskRef,
} from "@/lib/mail/templates";

/**
 * Emails to members about tasks, all through the outbox (lib/mail): queued in the caller's
 * transaction (nothing for one that rolls back), deduplicated by key, under the team's hourly cap.
 *
 * Preferences (memberships): `notify_email` false = off; otherwise new tasks are emailed at once
 * (`notify_digest_minutes` null) or collected for a digest. Assignment, deadline and escalation
 * notices are personal and urgent: sent at once unless notifications are off.
 */

/** A digest or batch lists at most this many tasks per queue; the rest are counted. */
const LIST_LIMIT = 50;

interface Member {
  membershipId: string;
  userId: string;
  email: string;
  role: Role;
  queues: string[] | null;
  notifyEmail: boolean;
  digestMinutes: number | null;
}

function principalOf(teamId: string, m: Member): Principal {
  return { kind: "user", teamId, actor: { type: "user", id: m.userId }, role: m.role, queues: m.queues };
}

function links() {
  const appUrl = env().APP_URL;
  return {
    task: (t: Pick<TaskRow, "id" | "title" | "queue">): TaskRef => ({
      id: t.id,
      title: t.title,
      queue: t.queue,
      url: `${appUrl}/tasks/${t.id}`,
    }),
    queue: (q: string) => `${appUrl}/queues/${encodeURIComponent(q)}`,
    settings: `${appUrl}/settings/notifications`,
  };
}

async function teamContext(db: DbOrTx, teamId: string) {
  const members: Member[] = await db
    .select({
      membershipId: memberships.id,
      userId: users.id,
      email: users.email,
      role: memberships.role,
      queues: memberships.queues,
      notifyEmail: memberships.notifyEmail,
      digestMinutes: memberships.notifyDigestMinutes,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.teamId, teamId), eq(memberships.notifyEmail, true)));
  const queueRows = await db.select({ name: queues.name, roles: queues.roles }).from(queues).where(eq(queues.teamId, teamId));
  const [team] = await db.select({ name: teams.name }).from(teams).where(eq(teams.id, teamId)).limit(1);
  const roles = new Map(queueRows.map((q) => [q.name, q.roles]));
  return {
    members,
    team: team?.name ?? "your team",
    // Other members' access, from queue roles loaded once for the whole batch (queueVisibility() is per caller).
    mayWork: (m: Member, queue: string) => queueAccess(principalOf(teamId, m), roles).canWork(queue),
    maySee: (m: Member, queue: string) => queueAccess(principalOf(teamId, m), roles).canSee(queue),
  };
}

async function send(db: DbOrTx, teamId: string, to: string, email: RenderedEmail, dedupeKey: string) {
  return enqueueNotification(db, { teamId, to, subject: email.subject, text: email.text, html: email.html, dedupeKey });
}

/**
 * New tasks: members who may work the queue and want immediate email get one message per queue
 * and batch (a run that drafts 100 emails sends one list, not 100 messages); digest members get
 * the tasks recorded for their next digest, whose job is scheduled once per interval.
 */
export async function notifyReviewers(db: DbOrTx, params: { teamId: string; tasks: TaskRow[] }) {
  if (params.tasks.length === 0) return;
  const ctx = await teamContext(db, params.teamId);
  if (ctx.members.length === 0) return;
  const link = links();
  const byQueue = new Map<string, TaskRow[]>();
  for (const t of params.tasks) byQueue.set(t.queue, [...(byQueue.get(t.queue) ?? []), t]);

  for (const m of ctx.members) {
    const mine = [...byQueue].filter(([queue]) => ctx.mayWork(m, queue));
    if (mine.length === 0) continue;
    if (m.digestMinutes) {
      const taskIds = mine.flatMap(([, list]) => list.map((t) => t.id));
      await db
        .insert(digestItems)
        .values(taskIds.map((taskId) => ({ membershipId: m.membershipId, taskId })))
        .onConflictDoNothing();
      // One pending job per member; new tasks do not postpone it (preserve_run_at).
      await enqueueJob(
        db,
        "mail:digest",
        { membershipId: m.membershipId },
        {
          jobKey: `digest:${m.membershipId}`,
          jobKeyMode: "preserve_run_at",
          runAt: new Date(Date.now() + m.digestMinutes * 60_000),
          maxAttempts: 8,
        },
      );
      continue;
    }
    for (const [queue, list] of mine) {
      const first = list[0]!;
      const email =
        list.length === 1
          ? newTaskEmail({ task: link.task(first), team: ctx.team, settingsUrl: link.settings })
          : digestEmail({ groups: [group(queue, list, link)], team: ctx.team, settingsUrl: link.settings, digest: false });
      await send(db, params.teamId, m.email, email, `notify:${first.id}:${m.userId}`);
    }
  }
}

function group(queue: string, list: Pick<TaskRow, "id" | "title" | "queue">[], link: ReturnType<typeof links>): DigestGroup {
  return {
    queue,
    queueUrl: link.queue(queue),
    tasks: list.slice(0, LIST_LIMIT).map(link.task),
    more: Math.max(0, list.length - LIST_LIMIT),
  };
}

/**
 * The digest job (`mail:digest`): takes the member's recorded tasks and emails those still
 * pending in queues they may still work, grouped by queue; nothing when none are left. The items
 * are deleted in the transaction that queues the email, so a retried or repeated job never
 * reports a task twice, and tasks recorded meanwhile wait for the next digest.
 */
export async function sendDigest(db: DbOrTx, membershipId: string) {
  await db.transaction(async (tx) => {
    const [membership] = await tx.select().from(memberships).where(eq(memberships.id, membershipId)).for("update").limit(1);
    if (!membership) return;
    const items = await tx.delete(digestItems).where(eq(digestItems.membershipId, membershipId)).returning({ taskId: digestItems.taskId });
    if (items.length === 0 || !membership.notifyEmail) return;
    const ctx = await teamContext(tx, membership.teamId);
    const member = ctx.members.find((m) => m.membershipId === membershipId);
    if (!member) return;
    const ids = items.map((i) => i.taskId).sort();
    const rows = await tx
      .select({ id: tasks.id, title: tasks.title, queue: tasks.queue })
      .from(tasks)
      .where(and(eq(tasks.teamId, membership.teamId), eq(tasks.status, "pending"), inArray(tasks.id, ids)))
      .orderBy(asc(tasks.queue), asc(tasks.createdAt), asc(tasks.id));
    const visible = rows.filter((t) => ctx.mayWork(member, t.queue));
    if (visible.length === 0) return;
    const link = links();
    const byQueue = new Map<string, typeof visible>();
    for (const t of visible) byQueue.set(t.queue, [...(byQueue.get(t.queue) ?? []), t]);
    const groups = [...byQueue].map(([queue, list]) => group(queue, list, link));
    const email =
      visible.length === 1
        ? { ...newTaskEmail({ task: link.task(visible[0]!), team: ctx.team, settingsUrl: link.settings }) }
        : digestEmail({ groups, team: ctx.team, settingsUrl: link.settings, digest: true });
    // Each task is recorded once per member, so the smallest one names this digest.
    await send(tx, membership.teamId, member.email, email, `digest:${membershipId}:${ids[0]}`);
  });
}

/** "Assigned to you": to the assignee, never when they assigned themselves. In the assignment's transaction. */
export async function notifyAssigned(db: DbOrTx, params: { teamId: string; task: TaskRow; assigneeId: string; by: Actor }) {
  if (params.by.type === "user" && params.by.id === params.assigneeId) return;
  const ctx = await teamContext(db, params.teamId);
  const member = ctx.members.find((m) => m.userId === params.assigneeId);
  if (!member || !ctx.maySee(member, params.task.queue)) return;
  let by = "An agent";
  if (params.by.type === "user") {
    const [u] = await db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, params.by.id)).limit(1);
    by = u?.name || u?.email || "A teammate";
  }
  const link = links();
  const email = assignedEmail({ task: link.task(params.task), by, team: ctx.team, settingsUrl: link.settings });
  // Each assignment is its own notice (assigning, unassigning and assigning again sends again).
  await send(db, params.teamId, member.email, email, `assigned:${params.task.id}:${params.assigneeId}:${newId("asg")}`);
}

async function pendingTask(db: DbOrTx, teamId: string, taskId: string) {
  const [task] = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.id, taskId), eq(tasks.teamId, teamId)))
    .limit(1);
  return task && task.status === "pending" ? task : null;
}

/**
 * "Deadline approaching": to the members who may work the task's queue and to its assignee.
 * Once per task, recipient and due time (a changed deadline warns again).
 */
export async function notifyDeadlineApproaching(db: DbOrTx, params: { teamId: string; taskId: string }) {
  const task = await pendingTask(db, params.teamId, params.taskId);
  if (!task) return;
  const ctx = await teamContext(db, params.teamId);
  const link = links();
  const email = deadlineApproachingEmail({ task: link.task(task), dueAt: task.dueAt, team: ctx.team, settingsUrl: link.settings });
  for (const m of ctx.members) {
    const assignee = m.userId === task.assigneeId && ctx.maySee(m, task.queue);
    if (!assignee && !ctx.mayWork(m, task.queue)) continue;
    await send(db, params.teamId, m.email, email, `deadline:${task.id}:${task.dueAt?.toISOString() ?? "none"}:${m.userId}`);
  }
}

/** "Escalated to your queue": to the members who may work the new queue. Once per task, move and recipient. */
export async function notifyEscalated(db: DbOrTx, params: { teamId: string; taskId: string; fromQueue: string; toQueue: string }) {
  const task = await pendingTask(db, params.teamId, params.taskId);
  if (!task) return;
  const ctx = await teamContext(db, params.teamId);
  const link = links();
  const email = escalatedEmail({
    task: { ...link.task(task), queue: params.toQueue },
    fromQueue: params.fromQueue,
    toQueue: params.toQueue,
    team: ctx.team,
    settingsUrl: link.settings,
  });
  for (const m of ctx.members) {
    if (!ctx.mayWork(m, params.toQueue)) continue;
    await send(db, params.teamId, m.email, email, `escalated:${task.id}:${params.fromQueue}>${params.toQueue}:${m.userId}`);
  }
}
