import fs from "node:fs";
import pg from "pg";
import { closeDb, getDb } from "@/db/client";
import { ensureDatabase } from "@/db/ensure-database";
import { migrateDatabase } from "@/db/migrate";
import type { Actor } from "@/lib/contract";
import { demoLeads } from "@/lib/demo/seed";
import { getRunOrThrow, startRun, waitForRun } from "@/lib/engine/runs";
import { startWorker } from "@/lib/engine/worker";
import { resumeTask } from "@/lib/engine/resume";
import { listTasks } from "@/lib/tasks/queries";
import { queueSummaries } from "@/lib/tasks/queue-stats";
import { sql } from "drizzle-orm";
import { createApiKey, createTeam } from "@/lib/teams";

/**
 * `npm run bench`: the engine's speed and scale goals, measured on a fresh database with the
 * real job queue and checkpointer (in-process worker, as `npm start` runs it). Prints JSON and
 * writes bench/results/latest.json. BENCH_LEADS=100,500 sets the outreach sizes.
 */
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const ms = (t0: number) => Math.round(performance.now() - t0);

async function waitUntil(teamId: string, runId: string, done: (s: string) => boolean, timeoutMs = 300_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await getRunOrThrow({ teamId, runId });
    if (done(run.status)) return run;
    if (Date.now() > deadline) throw new Error(`run ${runId} stuck in ${run.status}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function main() {
  const embedded = await ensureDatabase({ quiet: true });
  const admin = process.env.DATABASE_URL!;
  const name = `acl_bench_${Date.now()}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  await migrateDatabase(process.env.DATABASE_URL);

  const { team, owner } = await getDb().transaction((tx) => createTeam({ slug: "bench", ownerEmail: "bench@example.com" }, tx));
  const key = await createApiKey({ teamId: team.id, actor: { type: "user", id: owner.id } });
  const actor: Actor = { type: "api_key", id: key.id };
  // Separation of duties: the agent's key starts runs, a reviewer key (scope decide) decides them.
  const reviewer = await createApiKey({
    teamId: team.id,
    name: "reviewer",
    actor: { type: "user", id: owner.id },
    scopes: ["runs", "tasks", "decide"],
  });
  const principal = {
    kind: "api_key" as const,
    teamId: team.id,
    actor: { type: "api_key" as const, id: reviewer.id },
    scopes: reviewer.scopes,
    queues: null,
  };
  const worker = await startWorker({ concurrency: 4 });
  const results: Record<string, unknown> = {};

  // 0. The queue page at 100k pending tasks: keyset pages must not slow down with depth.
  if (process.env.BENCH_QUEUE !== "0") {
    const n = Number(process.env.BENCH_QUEUE_TASKS ?? 100_000);
    const t0 = performance.now();
    await getDb().execute(sql`
      insert into tasks (id, team_id, kind, queue, status, title, payload, allowed)
      select 'task_bench_' || lpad(g::text, 8, '0'), ${team.id}, 'approval', 'bulk', 'pending', 'Draft ' || g, '{}'::jsonb, '{approve,reject}'
      from generate_series(1, ${n}::int) g`);
    await getDb().execute(sql`analyze tasks`);
    const insertMs = ms(t0);
    const timePage = async (cursor?: string) => {
      const samples: number[] = [];
      let next: string | null = null;
      for (let i = 0; i < 20; i++) {
        const p0 = performance.now();
        const page = await listTasks({ principal, filters: { queue: "bulk", status: "pending" }, cursor, limit: 50 });
        samples.push(performance.now() - p0);
        next = page.nextCursor;
      }
      return { p50: Math.round(percentile(samples, 50) * 10) / 10, p95: Math.round(percentile(samples, 95) * 10) / 10, next };
    };
    const first = await timePage();
    const deep = await timePage(`task_bench_${String(Math.floor(n * 0.9)).padStart(8, "0")}`);
    const s0 = performance.now();
    await queueSummaries(principal);
    results.queuePage = {
      pendingTasks: n,
      insertMs,
      firstPageMs: { p50: first.p50, p95: first.p95 },
      pageAt90PercentMs: { p50: deep.p50, p95: deep.p95 },
      queueSummariesMs: ms(s0),
    };
    await getDb().execute(sql`delete from tasks where id like 'task_bench_%'`);
  }

  // 1. Approval gate latency: start → waiting, decide → completed (refund, sequential).
  const startToWait: number[] = [];
  const decideToDone: number[] = [];
  for (let i = 0; i < 30; i++) {
    let t0 = performance.now();
    const run = await startRun({
      teamId: team.id,
      workflow: "refund",
      input: { orderId: `o${i}`, amount: 100, currency: "USD", reason: "bench", customerEmail: "c@example.com" },
      actor,
    });
    const waiting = await waitUntil(team.id, run.id, (s) => s === "waiting");
    startToWait.push(ms(t0));
    t0 = performance.now();
    await resumeTask({ principal, taskId: waiting.pendingTaskIds[0]!, input: { action: "approve" } });
    await waitUntil(team.id, run.id, (s) => s === "completed");
    decideToDone.push(ms(t0));
  }
  results.refund = {
    runs: 30,
    startToWaitingMs: { p50: percentile(startToWait, 50), p95: percentile(startToWait, 95) },
    decisionToCompletedMs: { p50: percentile(decideToDone, 50), p95: percentile(decideToDone, 95) },
  };

  // 2. Parallel drafts: N approval tasks from one run, decided one by one as a reviewer would.
  for (const n of (process.env.BENCH_LEADS ?? "100,500").split(",").map(Number)) {
    let t0 = performance.now();
    const run = await startRun({ teamId: team.id, workflow: "email-outreach", input: { leads: demoLeads(n) }, actor });
    await waitForRun({ teamId: team.id, runId: run.id, waitSeconds: 30 });
    const waiting = await waitUntil(team.id, run.id, (s) => s === "waiting");
    const startToTasks = ms(t0);
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listTasks({ principal, filters: { runId: run.id }, cursor, limit: 200 });
      ids.push(...page.items.map((t) => t.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    t0 = performance.now();
    const perDecision: number[] = [];
    for (const [i, taskId] of ids.entries()) {
      const d0 = performance.now();
      await resumeTask({ principal, taskId, input: { action: i % 5 === 0 ? "reject" : "approve" } });
      perDecision.push(ms(d0));
    }
    const decideAll = ms(t0);
    const t1 = performance.now();
    const done = await waitUntil(team.id, run.id, (s) => s === "completed" || s === "failed");
    results[`outreach_${n}`] = {
      leads: n,
      tasks: waiting.pendingTaskIds.length,
      startToAllTasksMs: startToTasks,
      decideAllMs: decideAll,
      decisionMs: { p50: percentile(perDecision, 50), p95: percentile(perDecision, 95) },
      lastDecisionToCompletedMs: ms(t1),
      decisionToCompletedTotalMs: decideAll + ms(t1),
      status: done.status,
      sent: (done.output as { sent: unknown[] } | null)?.sent.length ?? null,
    };
  }

  await worker.stop();
  await closeDb();
  await c.query(`drop database ${name} with (force)`);
  await c.end();
  await embedded?.stop();
  const out = JSON.stringify({ at: new Date().toISOString(), node: process.version, results }, null, 2);
  fs.mkdirSync("bench/results", { recursive: true });
  fs.writeFileSync("bench/results/latest.json", out);
  console.log(out);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
