import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { createTestTeam } from "../helpers";
import { Api } from "./api";
import { resetEnvCache } from "@/lib/env";
import { getWebhookSecret } from "@/lib/webhooks/secrets";
import { TEST_WEBHOOK_ENCRYPTION_KEY, TestServer, type ServerOptions } from "./server";

/**
 * Per-file fixtures: one production server for the file (started in beforeAll, stopped in
 * afterAll), teams with API keys, and read-only SQL for what the API does not expose
 * (the mail outbox, the effects ledger).
 */

export function serverForFile(options: ServerOptions = {}) {
  const ctx = {} as { server: TestServer };
  beforeAll(async () => {
    ctx.server = await TestServer.start(options);
  }, 90_000);
  afterAll(async () => {
    await ctx.server?.stop();
  }, 30_000);
  return ctx;
}

/** A fresh team (owner + API key) and a client authenticated with its key. */
export async function newTeam(server: { url: string }) {
  const team = await createTestTeam();
  return { ...team, api: new Api(server, team.apiKey) };
}

/** The team's webhook signing secret, as an owner reads it in settings (same store and key as the server). */
export async function teamWebhookSecret(teamId: string): Promise<string> {
  if (process.env.WEBHOOK_ENCRYPTION_KEY !== TEST_WEBHOOK_ENCRYPTION_KEY) {
    process.env.WEBHOOK_ENCRYPTION_KEY = TEST_WEBHOOK_ENCRYPTION_KEY;
    resetEnvCache();
  }
  return getWebhookSecret({ teamId });
}

let pool: pg.Pool | undefined;
afterAll(async () => {
  await pool?.end();
  pool = undefined;
});

export async function sql<T extends pg.QueryResultRow = Record<string, unknown>>(text: string, params: unknown[] = []) {
  pool ??= new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  const res = await pool.query<T>(text, params);
  return res.rows;
}

export interface OutboxRow {
  to: string;
  subject: string;
  text: string;
  dedupe_key: string;
}

/** Emails the email-outreach workflow put in the outbox for one run. */
export function outreachOutbox(runId: string) {
  return sql<OutboxRow>(`select "to", subject, text, dedupe_key from mail_messages where dedupe_key like $1 order by dedupe_key`, [
    `email-outreach:${runId}:%`,
  ]);
}

/** The refund workflow's ledger entries for one run: its `once()` effects (one table for every workflow). */
export function refundRows(runId: string) {
  return sql<{ amount: number; currency: string; order_id: string }>(
    `select (result->>'amount')::float8 as amount, result->>'currency' as currency, result->>'orderId' as order_id
       from effects where key = 'refund:' || $1 and run_id = $1`,
    [runId],
  );
}

/** The effects (`once()` keys and results) one run performed. */
export function runEffects(runId: string) {
  return sql<{ key: string; result: unknown }>(`select key, result from effects where run_id = $1 order by created_at, key`, [runId]);
}
