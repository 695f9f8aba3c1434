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

/**
 * A fresh team (owner + the agent's API key + a reviewer key with `decide`) and a client
 * authenticated with the agent's key that decides with the reviewer key.
 */
export async function newTeam(server: { url: string }) {
  const team = await createTestTeam();
  return { ...team, api: new Api(server, team.apiKey, team.deciderKey) };
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

/**
 * Waits until the job queue is idle: no job running and none due within the next 10 s (a
 * delayed retry or re-enqueue counts as work still to come). Call it before asserting that
 * something did NOT happen, so the check follows every job the system had to run instead of a
 * fixed sleep. Idle must hold on two reads in a row (a finishing job may enqueue the next).
 */
export async function waitForIdle(options: { timeoutMs?: number } = {}) {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let idleReads = 0;
  let last = -1;
  while (Date.now() < deadline) {
    const [row] = await sql<{ n: number }>(
      `select count(*)::int as n from graphile_worker._private_jobs
        where locked_at is not null or (attempts < max_attempts and run_at < now() + interval '10 seconds')`,
    );
    last = row!.n;
    idleReads = last === 0 ? idleReads + 1 : 0;
    if (idleReads >= 2) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`The job queue is not idle after ${options.timeoutMs ?? 60_000} ms: ${last} job(s) running or due.`);
}

/** Polls `read` until `done(value)` holds; returns the value (no fixed sleeps in tests). */
export async function waitUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  options: { timeoutMs?: number; what?: string } = {},
) {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let value = await read();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${options.what ?? "a condition"}; last: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}

/**
 * Holds the engine's per-run advisory locks (lib/engine/run-lock.ts) from the test, so a worker
 * that picks up one of these runs' jobs leaves it for later: the job is guaranteed to be still
 * unfinished when the test kills the server. `release()` closes the connection (and the locks).
 */
export async function holdRunLocks(runIds: string[]) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  for (const id of runIds) await client.query("select pg_advisory_lock(727002, hashtext($1))", [id]);
  return { release: () => client.end() };
}

/** The unfinished jobs in the queue, by task name and key (`run:<id>` for a run's advance job). */
export function pendingJobs() {
  return sql<{ task: string; key: string | null; locked: boolean }>(
    `select t.identifier as task, j.key, j.locked_by is not null as locked
       from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
      where j.attempts < j.max_attempts`,
  );
}
