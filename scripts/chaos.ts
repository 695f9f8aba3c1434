import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { and, eq, inArray } from "drizzle-orm";
import pg from "pg";
import { closeDb, getDb } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { effects, runs, tasks } from "@/db/schema";
import type { Principal } from "@/lib/access/principal";
import { verifyAuditChain } from "@/lib/audit/chain";
import { cancelRun, startRun } from "@/lib/engine/runs";
import { decideTask } from "@/lib/tasks/decide";
import { createApiKey, createTeam } from "@/lib/teams";

/**
 * `npm run chaos`: a mixed refund workload (auto refunds, approvals, edits lowering the amount,
 * rejections, duplicate concurrent decisions, cancels, expiries) against real worker processes
 * that are SIGKILLed at random moments and restarted; then the invariants are checked. This
 * process plays the web tier (it calls the same services the API routes call); it is not killed.
 * Needs DATABASE_URL (a server where it may create a scratch database). Exit 1 on any violation.
 * CHAOS_RUNS (40), CHAOS_KILLS (10), CHAOS_WORKERS (2), CHAOS_TIMEOUT_S (300), CHAOS_KEEP_DB=1.
 */
const RUNS = Number(process.env.CHAOS_RUNS ?? 40);
const KILLS = Number(process.env.CHAOS_KILLS ?? 10);
const WORKERS = Number(process.env.CHAOS_WORKERS ?? 2);
const TIMEOUT_MS = Number(process.env.CHAOS_TIMEOUT_S ?? 300) * 1000;
const ROOT = path.resolve(__dirname, "..");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!;

async function admin<T>(url: string, fn: (c: pg.Client) => Promise<T>) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

function spawnWorker(url: string): ChildProcess {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, RESUME_BATCH_MS: "50" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  child.stderr?.on("data", () => {}); // a killed sibling's released jobs are logged there: expected
  return child;
}

async function main() {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error("Set DATABASE_URL to a PostgreSQL server where a scratch database may be created.");
  const name = `acl_chaos_${Date.now()}_${Math.random().toString(36).slice(2, 7)}`;
  await admin(adminUrl, (c) => c.query(`create database ${c.escapeIdentifier(name)}`));
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  process.env.DATABASE_URL = url;
  const stats = { kills: 0, runs: 0, decisions: 0, conflicts: 0, cancels: 0, expiries: 0 };
  const violations: string[] = [];
  const workers: ChildProcess[] = [];
  try {
    await migrateDatabase(url);
    const team = await getDb().transaction(async (tx) => {
      const t = await createTeam({ slug: `chaos-${Date.now().toString(36)}`, ownerEmail: "chaos@example.test" }, tx);
      const k = await createApiKey({ teamId: t.team.id, name: "chaos", actor: { type: "system", id: "chaos" } }, tx);
      // Separation of duties: the agent's key starts runs, a reviewer tool's key decides them.
      const d = await createApiKey(
        { teamId: t.team.id, name: "chaos reviewer", actor: { type: "system", id: "chaos" }, scopes: ["runs", "tasks", "decide"] },
        tx,
      );
      return { id: t.team.id, keyId: k.id, deciderId: d.id };
    });
    const principal: Principal = {
      kind: "api_key",
      teamId: team.id,
      actor: { type: "api_key", id: team.deciderId },
      scopes: ["runs", "tasks", "decide"],
      queues: null,
    };
    for (let i = 0; i < WORKERS; i++) workers.push(spawnWorker(url));

    const runIds: string[] = [];
    for (let i = 0; i < RUNS; i++) {
      const amount = Math.random() < 0.2 ? 20 : 60 + Math.floor(Math.random() * 400);
      const run = await startRun({
        teamId: team.id,
        workflow: "refund",
        input: { orderId: `o-${i}`, amount, currency: "USD", reason: "chaos", customerEmail: "c@example.com" },
        actor: { type: "api_key", id: team.keyId },
      });
      runIds.push(run.id);
      stats.runs++;
    }

    const started = Date.now();
    let nextKill = Date.now() + 1000 + Math.random() * 2000;
    for (;;) {
      if (stats.kills < KILLS && Date.now() >= nextKill) {
        const i = Math.floor(Math.random() * workers.length);
        workers[i]!.kill("SIGKILL");
        stats.kills++;
        workers[i] = spawnWorker(url);
        nextKill = Date.now() + 500 + Math.random() * 3000;
      }
      const pending = await getDb()
        .select()
        .from(tasks)
        .where(and(eq(tasks.teamId, team.id), eq(tasks.status, "pending")));
      for (const t of pending) {
        const roll = Math.random();
        if (roll < 0.05) {
          await getDb()
            .update(tasks)
            .set({ dueAt: new Date(Date.now() - 1000) })
            .where(eq(tasks.id, t.id));
          stats.expiries++;
        } else if (roll < 0.1 && t.runId) {
          await cancelRun({ teamId: team.id, runId: t.runId, actor: principal.actor }).catch(() => {});
          stats.cancels++;
        } else if (roll < 0.7) {
          const payload = t.payload as { amount: number };
          const input =
            roll < 0.3
              ? { action: "edit" as const, payload: { ...payload, amount: Math.max(1, Math.floor(payload.amount / 2)) } }
              : roll < 0.55
                ? { action: "approve" as const }
                : { action: "reject" as const };
          // Two reviewers deciding the same task at the same moment: exactly one may win.
          const results = await Promise.all([
            decideTask({ principal, taskId: t.id, input }),
            decideTask({ principal, taskId: t.id, input }),
          ]);
          const won = results.filter((r) => r.outcome === "decided").length;
          stats.decisions += won;
          stats.conflicts += results.filter((r) => r.outcome === "conflict").length;
          if (won > 1) violations.push(`task ${t.id} decided ${won} times`);
        }
      }
      const open = await getDb()
        .select({ id: runs.id })
        .from(runs)
        .where(and(eq(runs.teamId, team.id), inArray(runs.status, ["queued", "running", "waiting"])));
      if (open.length === 0 && stats.kills >= KILLS) break;
      if (Date.now() - started > TIMEOUT_MS) {
        violations.push(`${open.length} run(s) not terminal after ${TIMEOUT_MS / 1000} s: ${open.map((r) => r.id).join(", ")}`);
        break;
      }
      await sleep(300);
    }

    // Invariants.
    const allRuns = await getDb().select().from(runs).where(eq(runs.teamId, team.id));
    const allTasks = await getDb().select().from(tasks).where(eq(tasks.teamId, team.id));
    const allEffects = await getDb().select().from(effects).where(eq(effects.teamId, team.id));
    const statusCount: Record<string, number> = {};
    for (const run of allRuns) {
      statusCount[run.status] = (statusCount[run.status] ?? 0) + 1;
      const own = allTasks.filter((t) => t.runId === run.id);
      const refundsDone = allEffects.filter((e) => e.key === `refund:${run.id}`);
      const amount = (run.input as { amount: number }).amount;
      const approvedTask = own.find((t) => t.status === "decided" && (t.decision?.action === "approve" || t.decision?.action === "edit"));
      if (refundsDone.length > 1) violations.push(`run ${run.id}: refund done ${refundsDone.length} times`);
      if (refundsDone.length === 1 && amount > 50 && !approvedTask) violations.push(`run ${run.id}: refund done without approval`);
      if (run.status === "failed") violations.push(`run ${run.id} failed: ${JSON.stringify(run.error)}`);
      if (run.status === "completed") {
        const out = run.output as { refunded: boolean; amount: number };
        if (out.refunded !== (refundsDone.length === 1))
          violations.push(`run ${run.id}: output says refunded=${out.refunded}, ledger disagrees`);
        if (approvedTask && !approvedTask.appliedAt) violations.push(`run ${run.id}: decision ${approvedTask.id} never applied`);
        if (approvedTask?.decision?.action === "edit") {
          const edited = (approvedTask.decision.payload as { amount: number }).amount;
          if (out.amount !== edited) violations.push(`run ${run.id}: refunded ${out.amount}, reviewer approved ${edited}`);
        }
      }
      if (run.status !== "waiting" && own.some((t) => t.status === "pending"))
        violations.push(`run ${run.id} is ${run.status} with a pending task`);
    }
    const chain = await verifyAuditChain({ teamId: team.id });
    if (!chain.ok) violations.push(`audit chain broken: ${JSON.stringify(chain.broken)}`);
    console.log(JSON.stringify({ ...stats, runStatuses: statusCount, auditEvents: chain.events, violations }, null, 2));
    return violations.length === 0 ? 0 : 1;
  } finally {
    for (const w of workers) w.kill("SIGKILL");
    await closeDb().catch(() => {});
    if (!process.env.CHAOS_KEEP_DB) {
      await sleep(500);
      await admin(adminUrl, (c) => c.query(`drop database if exists ${c.escapeIdentifier(name)} with (force)`)).catch(() => {});
    }
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`chaos failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
