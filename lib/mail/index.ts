import "server-only";
import { and, desc, eq, lt, sql } from "drizzle-orm";
import { Resend } from "resend";
import { getDb, type DbOrTx } from "@/db/client";
import { mailMessages, type MailMessage } from "@/db/schema";
import { env } from "@/lib/env";
import { recordAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { enqueueJob } from "@/lib/jobs";

export interface MailInput {
  teamId?: string | null;
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Same key → the message is queued once, however often the caller runs. */
  dedupeKey?: string;
  /** A workflow's email to an outside address: counted against the team's daily quota (429 / a failed run above it). */
  outbound?: boolean;
  /** A notice to a member (use enqueueNotification): counted against the team's hourly cap. */
  notification?: boolean;
}

/** A team's outbound emails in the last 24 hours against EMAIL_DAILY_LIMIT_PER_TEAM. */
export async function outboundQuota(teamId: string, db: DbOrTx = getDb()) {
  const limit = env().EMAIL_DAILY_LIMIT_PER_TEAM;
  const result = await db.execute<{ used: number; reset: number | null }>(sql`
    select count(*)::int as used,
           ceil(extract(epoch from (min(created_at) + interval '24 hours' - now())))::int as reset
      from mail_messages
     where team_id = ${teamId} and outbound and created_at > now() - interval '24 hours'`);
  const { used, reset } = result.rows[0]!;
  return { limit, used, remaining: Math.max(0, limit - used), resetSeconds: Math.max(1, reset ?? 1) };
}

/**
 * Refuses (429, `rate_limited`) when `emails` more outbound emails would exceed the team's quota:
 * outreach must not become a relay for whoever holds a key.
 */
export async function assertOutboundQuota(params: { teamId: string; emails: number }, db: DbOrTx = getDb()) {
  const quota = await outboundQuota(params.teamId, db);
  if (params.emails <= quota.remaining) return;
  const retryAfter = params.emails > quota.limit ? 24 * 60 * 60 : quota.resetSeconds;
  const error = new AppError(
    "rate_limited",
    `Daily email quota reached: this team may send ${quota.limit} emails to outside addresses in 24 hours; ` +
      `${quota.used} were sent, so ${params.emails} more would exceed it. Retry after ${retryAfter} s ` +
      `(the operator sets EMAIL_DAILY_LIMIT_PER_TEAM).`,
    undefined,
    { "retry-after": String(retryAfter) },
  );
  // Retrying does not help for hours: a workflow that hits the quota fails with this message.
  throw Object.assign(error, { permanent: true });
}

/**
 * Queues an email in the outbox (a row + a delivery job, in the caller's transaction).
 * Returns the message id, or the existing one when `dedupeKey` was used before.
 */
export async function enqueueMail(db: DbOrTx, input: MailInput): Promise<{ id: string; created: boolean }> {
  if (!input.outbound || !input.teamId) return insertMail(db, input);
  const teamId = input.teamId;
  return db.transaction(async (tx) => {
    // One sender per team at a time, so that concurrent sends cannot both take the last email.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`mail-quota:${teamId}`}))`);
    if (input.dedupeKey) {
      const [existing] = await tx
        .select({ id: mailMessages.id })
        .from(mailMessages)
        .where(eq(mailMessages.dedupeKey, input.dedupeKey))
        .limit(1);
      if (existing) return { id: existing.id, created: false };
    }
    await assertOutboundQuota({ teamId, emails: 1 }, tx);
    return insertMail(tx, input);
  });
}

/**
 * Queues a notification to a member under the team's hourly cap (NOTIFICATION_EMAILS_PER_HOUR_PER_TEAM).
 * Above the cap the notice is dropped, not deferred: it points at live state (the task is in its
 * queue on the dashboard either way), a deferred notice would arrive after the task may have been
 * decided, and a deferred backlog would keep mailing for hours after a burst. The first drop in
 * any hour is audited (`mail.notifications_capped`) so admins see that members were not told.
 * The count is not locked: concurrent transactions may overshoot the cap by their number.
 */
export async function enqueueNotification(
  db: DbOrTx,
  input: Omit<MailInput, "outbound" | "notification"> & { teamId: string; dedupeKey: string },
): Promise<{ id: string; created: boolean } | { id: null; created: false; capped: true }> {
  const limit = env().NOTIFICATION_EMAILS_PER_HOUR_PER_TEAM;
  const result = await db.execute<{ used: number; audited: boolean; existing: string | null }>(sql`
    select (select count(*)::int from mail_messages
             where team_id = ${input.teamId} and notification and created_at > now() - interval '1 hour') as used,
           exists (select 1 from audit_events
                    where team_id = ${input.teamId} and action = 'mail.notifications_capped'
                      and at > now() - interval '1 hour') as audited,
           (select id from mail_messages where dedupe_key = ${input.dedupeKey}) as existing`);
  const { used, audited, existing } = result.rows[0]!;
  if (existing) return { id: existing, created: false };
  if (used >= limit) {
    if (!audited) {
      await recordAudit(db, {
        teamId: input.teamId,
        actor: { type: "system", id: "mail" },
        action: "mail.notifications_capped",
        subjectType: "team",
        subjectId: input.teamId,
        data: { limitPerHour: limit, firstDropped: { to: input.to, subject: input.subject } },
      });
    }
    return { id: null, created: false, capped: true };
  }
  return insertMail(db, { ...input, notification: true });
}

async function insertMail(db: DbOrTx, input: MailInput): Promise<{ id: string; created: boolean }> {
  const id = newId("msg");
  const inserted = await db
    .insert(mailMessages)
    .values({
      id,
      teamId: input.teamId ?? null,
      to: input.to.trim().toLowerCase(),
      subject: input.subject,
      text: input.text,
      html: input.html ?? null,
      dedupeKey: input.dedupeKey ?? null,
      outbound: input.outbound ?? false,
      notification: input.notification ?? false,
    })
    .onConflictDoNothing({ target: mailMessages.dedupeKey })
    .returning({ id: mailMessages.id });
  if (inserted.length === 0) {
    const [existing] = await db
      .select({ id: mailMessages.id })
      .from(mailMessages)
      .where(eq(mailMessages.dedupeKey, input.dedupeKey!))
      .limit(1);
    return { id: existing!.id, created: false };
  }
  await enqueueJob(db, "mail:deliver", { messageId: id }, { maxAttempts: 8 });
  return { id, created: true };
}

export function mailTransportName(): "resend" | "development" {
  return env().RESEND_API_KEY ? "resend" : "development";
}

/** A provider answer that retrying cannot fix (bad address, rejected content, bad key): 4xx except 409 and 429. */
export function isPermanentMailError(statusCode: number | null | undefined) {
  return typeof statusCode === "number" && statusCode >= 400 && statusCode < 500 && statusCode !== 409 && statusCode !== 429;
}

/**
 * The delivery job: sends one message once. Resend dedupes retries by the message id
 * (Idempotency-Key), so a request whose answer was lost is not sent twice.
 * Errors worth retrying (network, 5xx, 429, 409 concurrent idempotent request) are thrown: the job
 * queue retries with exponential backoff (graphile-worker: exp(attempt) seconds, 8 attempts, about
 * an hour in all). A permanent 4xx marks the message failed at once; so does the last attempt.
 */
export async function deliverMail(db: DbOrTx, messageId: string, options: { finalAttempt?: boolean } = {}) {
  const [message] = await db.select().from(mailMessages).where(eq(mailMessages.id, messageId)).limit(1);
  if (!message || message.status !== "queued") return;
  const transport = mailTransportName();
  await db
    .update(mailMessages)
    .set({ attempts: sql`${mailMessages.attempts} + 1`, transport })
    .where(eq(mailMessages.id, messageId));
  try {
    let providerMessageId: string | null = null;
    if (transport === "resend") {
      const resend = new Resend(env().RESEND_API_KEY);
      const { data, error } = await resend.emails.send(
        { from: env().MAIL_FROM, to: message.to, subject: message.subject, text: message.text, html: message.html ?? undefined },
        { idempotencyKey: message.id },
      );
      if (error) throw Object.assign(new Error(`Resend: ${error.message}`), { statusCode: error.statusCode });
      providerMessageId = data?.id ?? null;
    }
    // The development transport keeps the message in this table (`cli mail:list` reads it).
    await db
      .update(mailMessages)
      .set({ status: "sent", sentAt: new Date(), providerMessageId, lastError: null })
      .where(eq(mailMessages.id, messageId));
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const permanent = isPermanentMailError((err as { statusCode?: number | null }).statusCode);
    await db
      .update(mailMessages)
      .set({ lastError: msg, ...(permanent || options.finalAttempt ? { status: "failed" } : {}) })
      .where(eq(mailMessages.id, messageId));
    if (!permanent) throw err; // the job queue retries with backoff
  }
}

export function toMailDto(m: MailMessage) {
  return { id: m.id, to: m.to, subject: m.subject, text: m.text, html: m.html, status: m.status, createdAt: m.createdAt.toISOString() };
}

/** Messages held by the outbox, newest first (the development mailbox). */
export async function listMail(params: { to?: string; teamId?: string; limit?: number; before?: string } = {}, db: DbOrTx = getDb()) {
  const rows = await db
    .select()
    .from(mailMessages)
    .where(
      and(
        params.to ? eq(mailMessages.to, params.to.trim().toLowerCase()) : undefined,
        params.teamId ? eq(mailMessages.teamId, params.teamId) : undefined,
        params.before ? lt(mailMessages.id, params.before) : undefined,
      ),
    )
    .orderBy(desc(mailMessages.id))
    .limit(params.limit ?? 1000);
  return rows.map(toMailDto);
}
