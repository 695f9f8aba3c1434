import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import { effects } from "@/db/schema";
import { runContext } from "@/lib/hitl/context";
import { enqueueMail } from "@/lib/mail";

/** What `once` stores and returns: JSON (dates become strings, `undefined` becomes null). */
export type EffectResult = string | number | boolean | null | EffectResult[] | { [key: string]: EffectResult | undefined };

export const MAX_EFFECT_KEY_LENGTH = 500;

/**
 * Runs a side effect at most once per key and team, and returns its stored result to every
 * later call with the same key: the one helper workflows use instead of a ledger table each.
 * A LangGraph node re-runs from its first line on resume and after a crash, so key the effect
 * by what makes it unique, usually the run: `once(\`refund:${runId}\`, …)`.
 *
 * The claim, the effect and its result commit in one transaction, and `fn` gets that
 * transaction: database effects written through it (an outbox row, a ledger entry) happen
 * exactly once. A concurrent call with the same key waits for the first to commit and gets its
 * result; if `fn` throws, nothing is stored and the next call runs it again. For calls to other
 * systems (a payment API) pass the key on as their idempotency key: a crash after the call and
 * before the commit runs `fn` again.
 */
export async function once<T extends EffectResult | void>(
  key: string,
  fn: (tx: Tx) => Promise<T> | T,
  options: { teamId?: string; runId?: string | null } = {},
): Promise<T> {
  if (!key || key.length > MAX_EFFECT_KEY_LENGTH) throw new Error(`once(): the key must be 1..${MAX_EFFECT_KEY_LENGTH} characters.`);
  const context = options.teamId ? { teamId: options.teamId, runId: options.runId ?? null } : runContext();
  const { teamId } = context;
  return getDb().transaction(async (tx) => {
    const claimed = await tx
      .insert(effects)
      .values({ teamId, key, runId: context.runId, result: null })
      .onConflictDoNothing()
      .returning({ key: effects.key });
    if (claimed.length === 0) {
      const [done] = await tx
        .select({ result: effects.result })
        .from(effects)
        .where(and(eq(effects.teamId, teamId), eq(effects.key, key)))
        .limit(1);
      return done!.result as T;
    }
    const result = await fn(tx);
    const stored = result === undefined ? null : JSON.parse(JSON.stringify(result));
    await tx
      .update(effects)
      .set({ result: stored })
      .where(and(eq(effects.teamId, teamId), eq(effects.key, key)));
    return stored as T;
  });
}

/** The effects a run performed, oldest first (run pages, tests). */
export async function listRunEffects(params: { teamId: string; runId: string }) {
  return getDb()
    .select({ key: effects.key, result: effects.result, createdAt: effects.createdAt })
    .from(effects)
    .where(and(eq(effects.teamId, params.teamId), eq(effects.runId, params.runId)))
    .orderBy(effects.createdAt);
}

/**
 * Queues an email through the outbox once per key (the outbox row and the effect commit
 * together): `sendEmailOnce(\`my-workflow:${runId}\`, {to, subject, text})`.
 */
export async function sendEmailOnce(key: string, email: { to: string; subject: string; text: string }, options: { teamId?: string } = {}) {
  const context = options.teamId ? { teamId: options.teamId, runId: null } : runContext();
  return once(
    key,
    async (tx) => {
      const message = await enqueueMail(tx, { teamId: context.teamId, ...email, dedupeKey: key, outbound: true });
      return { messageId: message.id, to: email.to };
    },
    context,
  );
}
