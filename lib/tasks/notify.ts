import "server-only";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { memberships, queues, tasks, users, type TaskRow } from "@/db/schema";
import { canWorkQueue } from "@/lib/access/principal";
import { env } from "@/lib/env";
import { enqueueMail } from "@/lib/mail";

/**
 * Emails the members who may work a queue when tasks land in it: one message per member,
 * queue and batch (a run that drafts 100 emails sends one notice, not 100).
 */
export async function notifyReviewers(db: DbOrTx, params: { teamId: string; tasks: TaskRow[] }) {
  const byQueue = new Map<string, TaskRow[]>();
  for (const t of params.tasks) byQueue.set(t.queue, [...(byQueue.get(t.queue) ?? []), t]);
  const members = await db
    .select({ userId: users.id, email: users.email, role: memberships.role, queues: memberships.queues })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.teamId, params.teamId), eq(memberships.notifyEmail, true)));
  if (members.length === 0) return;
  const queueRows = await db.select().from(queues).where(eq(queues.teamId, params.teamId));
  const roles = new Map(queueRows.map((q) => [q.name, q.roles]));
  const appUrl = env().APP_URL;

  for (const [queue, list] of byQueue) {
    const first = list[0]!;
    for (const m of members) {
      const principal = {
        kind: "user" as const,
        teamId: params.teamId,
        actor: { type: "user" as const, id: m.userId },
        role: m.role,
        queues: m.queues,
      };
      if (!canWorkQueue(principal, queue, roles.get(queue) ?? null)) continue;
      const subject = list.length === 1 ? `Review needed: ${first.title}` : `${list.length} new tasks in ${queue}`;
      const link = list.length === 1 ? `${appUrl}/tasks/${first.id}` : `${appUrl}/queues/${encodeURIComponent(queue)}`;
      await enqueueMail(db, {
        teamId: params.teamId,
        to: m.email,
        subject,
        text: `${subject}\n\nOpen: ${link}\n\nYou receive this because you work the "${queue}" queue. Change it in Settings → Notifications.`,
        dedupeKey: `notify:${first.id}:${m.userId}`,
      });
    }
  }
}

/** Members who get email for a queue: notifications on, and allowed to work it. */
async function queueRecipients(db: DbOrTx, teamId: string, queue: string) {
  const members = await db
    .select({ userId: users.id, email: users.email, role: memberships.role, queues: memberships.queues })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.teamId, teamId), eq(memberships.notifyEmail, true)));
  if (members.length === 0) return [];
  const [queueRow] = await db
    .select({ roles: queues.roles })
    .from(queues)
    .where(and(eq(queues.teamId, teamId), eq(queues.name, queue)))
    .limit(1);
  return members.filter((m) =>
    canWorkQueue(
      { kind: "user", teamId, actor: { type: "user", id: m.userId }, role: m.role, queues: m.queues },
      queue,
      queueRow?.roles ?? null,
    ),
  );
}

/** A pending task's deadline is near (its `remindAt`): one reminder per reviewer of its queue. */
export async function notifyDeadlineApproaching(db: DbOrTx, params: { teamId: string; taskId: string }) {
  const [task] = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.teamId, params.teamId), eq(tasks.id, params.taskId)))
    .limit(1);
  if (!task || task.status !== "pending") return;
  const due = task.dueAt ? ` (due ${task.dueAt.toISOString()})` : "";
  for (const m of await queueRecipients(db, params.teamId, task.queue)) {
    const subject = `Deadline approaching: ${task.title}`;
    await enqueueMail(db, {
      teamId: params.teamId,
      to: m.email,
      subject,
      text: `${subject}${due}\n\nOpen: ${env().APP_URL}/tasks/${task.id}\n\nYou receive this because you work the "${task.queue}" queue. Change it in Settings → Notifications.`,
      dedupeKey: `remind:${task.id}:${m.userId}`,
    });
  }
}

/** A task's deadline moved it to another queue: its reviewers are told where it came from. */
export async function notifyEscalated(db: DbOrTx, params: { teamId: string; taskId: string; fromQueue: string; toQueue: string }) {
  const [task] = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.teamId, params.teamId), eq(tasks.id, params.taskId)))
    .limit(1);
  if (!task) return;
  for (const m of await queueRecipients(db, params.teamId, params.toQueue)) {
    const subject = `Escalated from ${params.fromQueue}: ${task.title}`;
    await enqueueMail(db, {
      teamId: params.teamId,
      to: m.email,
      subject,
      text: `${subject}\n\nNobody in "${params.fromQueue}" decided it before its deadline.\n\nOpen: ${env().APP_URL}/tasks/${task.id}\n\nYou receive this because you work the "${params.toQueue}" queue. Change it in Settings → Notifications.`,
      dedupeKey: `escalate:${task.id}:${params.toQueue}:${m.userId}`,
    });
  }
}
