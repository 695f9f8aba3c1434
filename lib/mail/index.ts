import "server-only";
import { and, desc, eq, lt, sql } from "drizzle-orm";
import { Resend } from "resend";
import { getDb, type DbOrTx } from "@/db/client";
import { mailMessages, type MailMessage } from "@/db/schema";
import { env } from "@/lib/env";
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

/** The delivery job: sends one message once. Resend dedupes retries by the message id. */
export async function deliverMail(db: DbOrTx, messageId: string) {
  const [message] = await db.select().from(mailMessages).where(eq(mailMessages.id, messageId)).limit(1);
  if (!message || message.status === "sent") return;
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
      if (error) throw new Error(`Resend: ${error.message}`);
      providerMessageId = data?.id ?? null;
    }
    // The development transport keeps the message in this table (`cli mail:list` reads it).
    await db
      .update(mailMessages)
      .set({ status: "sent", sentAt: new Date(), providerMessageId, lastError: null })
      .where(eq(mailMessages.id, messageId));
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    await db.update(mailMessages).set({ lastError: msg }).where(eq(mailMessages.id, messageId));
    throw err; // the job queue retries with backoff
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
