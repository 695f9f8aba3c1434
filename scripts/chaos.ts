import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { and, eq, inArray } from "drizzle-orm";
import pg from "pg";
import { closeDb, getDb } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { effects, mailMessages, runs, tasks, webhookDeliveries } from "@/db/schema";
import type { Principal } from "@/lib/access/principal";
import { verifyAuditChain } from "@/lib/audit/chain";
import { decideTasksBulk } from "@/lib/tasks/decide";
import { createApiKey, createTeam } from "@/lib/teams";
import { TestServer } from "../tests/http/server";

/**
 * `npm run chaos`: the production web server (`next start` on .next/, so `npx next build` first)
 * and separate worker processes, driven over HTTP by clients that behave like agents and
 * reviewer tools: refund runs started with an Idempotency-Key, standalone review tasks with a
 * webhook `callbackUrl` and short deadlines, approvals, edits, rejections, the same decision sent
 * twice at once, cancels, expiries, plus bulk decisions (the queue page's server action calls
 * `decideTasksBulk`; this process calls it as the owner, since actions need a browser session).
 * Meanwhile the web server and the workers are SIGKILLed at random moments and restarted.
 * Clients retry every request that got no answer (or a 5xx) with the same Idempotency-Key.
 * Then the invariants are checked; exit 1 on any violation.
 *
 * Needs DATABASE_URL (a server where a scratch database may be created).
 * CHAOS_RUNS (40), CHAOS_TASKS (standalone tasks, 15), CHAOS_KILLS (10), CHAOS_WEB_SHARE (0.3 of
 * the kills hit the web server), CHAOS_MIN_WEB_KILLS / CHAOS_MIN_WORKER_KILLS (0), CHAOS_WORKERS (2), CHAOS_TIMEOUT_S (300), CHAOS_KEEP_DB=1.
 */
const RUNS = Number(process.env.CHAOS_RUNS ?? 40);
const STANDALONE = Number(process.env.CHAOS_TASKS ?? 15);
const KILLS = Number(process.env.CHAOS_KILLS ?? 10);
const WEB_SHARE = Number(process.env.CHAOS_WEB_SHARE ?? 0.3);
const MIN_WEB_KILLS = Number(process.env.CHAOS_MIN_WEB_KILLS ?? 0);
const MIN_WORKER_KILLS = Number(process.env.CHAOS_MIN_WORKER_KILLS ?? 0);
const WORKERS = Number(process.env.CHAOS_WORKERS ?? 2);
const TIMEOUT_MS = Number(process.env.CHAOS_TIMEOUT_S ?? 300) * 1000;
const ROOT = path.resolve(__dirname, "..");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Json = Record<string, any>;

async function admin<T>(url: string, fn: (c: pg.Client) => Promise<T>) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

function spawnWorker(env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
    cwd: ROOT,
    env: { ...env, RESUME_BATCH_MS: "50" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  child.stderr?.on("data", () => {}); // a killed sibling's released jobs are logged there: expected
  return child;
}

/** Receives the webhooks: every delivery, by event id. */
function startReceiver() {
  const received: Array<{ eventId: string; type: string; taskId: string; status: string }> = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      try {
        const parsed = JSON.parse(body) as { type: string; task: { id: string; status: string } };
        received.push({
          eventId: String(req.headers["x-acl-event-id"]),
          type: parsed.type,
          taskId: parsed.task.id,
          status: parsed.task.status,
        });
      } catch {
        /* counted as nothing */
      }
      res.writeHead(200).end("ok");
    });
  });
  return new Promise<{ url: string; received: typeof received; close: () => void }>((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, close: () => server.close() }),
    ),
  );
}

async function main() {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error("Set DATABASE_URL to a PostgreSQL server where a scratch database may be created.");
  if (!fs.existsSync(path.join(ROOT, ".next/BUILD_ID")))
    throw new Error("No production build in .next/: chaos runs and kills the real web server (`next start`). Run `npx next build` first.");
  const name = `acl_chaos_${Date.now()}_${Math.random().toString(36).slice(2, 7)}`;
  await admin(adminUrl, (c) => c.query(`create database ${c.escapeIdentifier(name)}`));
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  process.env.DATABASE_URL = url;
  const stats = {
    kills: { web: 0, worker: 0 },
    runs: 0,
    standaloneTasks: 0,
    decisions: 0,
    bulkDecisions: 0,
    duplicateDecisionsRefused: 0,
    cancels: 0,
    deadlines: 0,
    expiries: 0,
    retries: 0,
    webhooksReceived: 0,
  };
  const violations: string[] = [];
  const workers: ChildProcess[] = [];
  const receiver = await startReceiver();
  let web: TestServer | null = null;
  try {
    await migrateDatabase(url);
    const team = await getDb().transaction(async (tx) => {
      const t = await createTeam({ slug: `chaos-${Date.now().toString(36)}`, ownerEmail: "chaos@example.test" }, tx);
      const actor = { type: "system" as const, id: "chaos" };
      const agent = await createApiKey({ teamId: t.team.id, name: "chaos agent", actor, scopes: ["runs", "tasks"] }, tx);
      // Separation of duties: the agent's key starts runs, a reviewer tool's key decides them.
      const reviewer = await createApiKey({ teamId: t.team.id, name: "chaos reviewer", actor, scopes: ["runs", "tasks", "decide"] }, tx);
      return { id: t.team.id, ownerId: t.owner.id, agent, reviewer };
    });
    const owner: Principal = { kind: "user", teamId: team.id, actor: { type: "user", id: team.ownerId }, role: "owner", queues: null };

    web = await TestServer.start({
      databaseUrl: url,
      env: { ACL_WORKER: "off", WEBHOOK_ALLOWED_HOSTS: "127.0.0.1", RESEND_API_KEY: "" },
      startTimeoutMs: 180_000,
    });
    const server = web;
    for (let i = 0; i < WORKERS; i++) workers.push(spawnWorker(server.env));

    /** One request; no answer or a 5xx (the server was killed) → the same request again, until the deadline. */
    let restarting: Promise<void> | null = null;
    const deadline = Date.now() + TIMEOUT_MS;
    async function call(method: string, p: string, key: string, body?: unknown, idempotencyKey?: string) {
      for (let attempt = 0; ; attempt++) {
        if (attempt > 0) {
          stats.retries++;
          await sleep(Math.min(2000, 100 * 2 ** attempt));
        }
        if (Date.now() > deadline) throw new Error(`${method} ${p}: no answer before the deadline`);
        if (restarting || !server.running || server.port === 0) continue;
        try {
          const res = await fetch(`${server.url}${p}`, {
            method,
            headers: {
              authorization: `Bearer ${key}`,
              ...(body === undefined ? {} : { "content-type": "application/json" }),
              ...(idempotencyKey ? { "idempotency-key": idempotencyKey } : {}),
            },
            body: body === undefined ? undefined : JSON.stringify(body),
            signal: AbortSignal.timeout(30_000),
          });
          const json = (await res.json().catch(() => ({}))) as Json;
          if (res.status >= 500) continue;
          // A killed server left the key's claim in progress: retry until it is reclaimed.
          if (res.status === 409 && idempotencyKey && /still in progress|taken over/.test(String(json.error?.message))) continue;
          if (res.status === 429) continue;
          return { status: res.status, body: json, attempts: attempt + 1 };
        } catch {
          // connection refused or reset: the server is down
        }
      }
    }

    // Clients: starts and standalone tasks, paced over the kills so that both overlap.
    const acknowledged = new Map<string, { action: string; amount?: number }>(); // taskId → the decision a 200 confirmed
    const okCount = new Map<string, number>();
    const inflight = new Set<Promise<unknown>>();
    const track = (p: Promise<unknown>) => {
      const q = p
        .catch((err) => violations.push(`client: ${err instanceof Error ? err.message : String(err)}`))
        .finally(() => inflight.delete(q));
      inflight.add(q);
    };
    let startedRuns = 0;
    let startedTasks = 0;
    const startRun = (i: number) =>
      track(
        (async () => {
          const amount = Math.random() < 0.2 ? 20 : 60 + Math.floor(Math.random() * 400);
          const input = { orderId: `o-${i}`, amount, currency: "USD", reason: "chaos", customerEmail: "c@example.com" };
          const r = await call("POST", "/api/v1/runs", team.agent.apiKey, { workflow: "refund", input }, `chaos-run-${i}`);
          if (r.status !== 202 && r.status !== 200) throw new Error(`start ${i}: ${r.status} ${JSON.stringify(r.body)}`);
          stats.runs++;
        })(),
      );
    const createTask = (i: number) =>
      track(
        (async () => {
          const expires = Math.random() < 0.25;
          const body = {
            kind: "approval",
            queue: "support",
            title: `Standalone ${i}`,
            payload: { n: i },
            callbackUrl: receiver.url,
            ...(expires ? { dueAt: new Date(Date.now() + 3_000).toISOString() } : {}),
          };
          const r = await call("POST", "/api/v1/tasks", team.agent.apiKey, body, `chaos-task-${i}`);
          if (r.status !== 201 && r.status !== 200) throw new Error(`task ${i}: ${r.status} ${JSON.stringify(r.body)}`);
          stats.standaloneTasks++;
          if (expires) stats.deadlines++;
        })(),
      );
    const decide = (t: Json, input: { action: string; payload?: unknown }) =>
      track(
        (async () => {
          const r = await call("POST", `/api/v1/tasks/${t.id}/resume`, team.reviewer.apiKey, input);
          if (r.status === 200) {
            okCount.set(t.id, (okCount.get(t.id) ?? 0) + 1);
            acknowledged.set(t.id, { action: input.action, amount: (input.payload as { amount?: number } | undefined)?.amount });
            stats.decisions++;
          } else if (r.status === 409) {
            // Lost the race, or our first attempt got through before the server died: read back.
            const now = await call("GET", `/api/v1/tasks/${t.id}`, team.reviewer.apiKey);
            const d = now.body.decision as { action: string; actor: { id: string } } | null;
            if (r.attempts > 1 && d?.actor.id === team.reviewer.id && d.action === input.action && !acknowledged.has(t.id)) {
              acknowledged.set(t.id, { action: input.action, amount: (input.payload as { amount?: number } | undefined)?.amount });
              stats.decisions++;
            } else stats.duplicateDecisionsRefused++;
          } else if (r.status !== 404) throw new Error(`resume ${t.id}: ${r.status} ${JSON.stringify(r.body)}`);
        })(),
      );
    const handled = new Set<string>();

    const started = Date.now();
    let nextKill = Date.now() + 2000 + Math.random() * 2000;
    const kills = () => stats.kills.web + stats.kills.worker;
    for (;;) {
      // Kill something at a random moment; the web server is restarted in the background.
      if (kills() < KILLS && Date.now() >= nextKill) {
        const left = KILLS - kills();
        const mustWeb = left <= MIN_WEB_KILLS - stats.kills.web;
        const mustWorker = left <= MIN_WORKER_KILLS - stats.kills.worker;
        const hitWeb = !mustWorker && (mustWeb || Math.random() < WEB_SHARE);
        if (hitWeb && (!server.running || restarting)) {
          // the web server is still coming back: try again in a moment
        } else if (hitWeb) {
          console.error(`[chaos] ${((Date.now() - started) / 1000).toFixed(1)} s: SIGKILL web server (pid ${server.pid})`);
          server.killNow();
          stats.kills.web++;
          restarting = server
            .kill()
            .then(() => server.restart())
            .catch((err) => void violations.push(`web server did not come back: ${err instanceof Error ? err.message.slice(0, 300) : err}`))
            .finally(() => (restarting = null));
        } else {
          const i = Math.floor(Math.random() * workers.length);
          console.error(`[chaos] ${((Date.now() - started) / 1000).toFixed(1)} s: SIGKILL worker (pid ${workers[i]!.pid})`);
          workers[i]!.kill("SIGKILL");
          stats.kills.worker++;
          workers[i] = spawnWorker(server.env);
        }
        nextKill = Date.now() + 500 + Math.random() * 3000;
      }
      const share = Math.min(1, (kills() + 1) / Math.max(1, KILLS) + 0.1);
      while (startedRuns < Math.ceil(RUNS * share)) startRun(startedRuns++);
      while (startedTasks < Math.ceil(STANDALONE * share)) createTask(startedTasks++);

      if (!restarting && server.running && inflight.size < 60) {
        const list = await call("GET", "/api/v1/tasks?status=pending&limit=100", team.reviewer.apiKey).catch(() => null);
        const pending = ((list?.body.items ?? []) as Json[]).filter((t) => !handled.has(t.id));
        const bulk: string[] = [];
        for (const t of pending) {
          const roll = Math.random();
          if (roll < 0.4) continue; // later
          handled.add(t.id);
          if (roll < 0.45) {
            await getDb()
              .update(tasks)
              .set({ dueAt: new Date(Date.now() - 1000) })
              .where(eq(tasks.id, t.id));
            stats.expiries++;
          } else if (roll < 0.5) {
            const p = t.runId ? `/api/v1/runs/${t.runId}/cancel` : `/api/v1/tasks/${t.id}/cancel`;
            track(call("POST", p, team.agent.apiKey).then(() => void stats.cancels++));
          } else if (roll < 0.58) {
            bulk.push(t.id);
          } else {
            const amount = (t.payload as { amount?: number }).amount;
            const input =
              roll < 0.7 && amount
                ? { action: "edit", payload: { ...t.payload, amount: Math.max(1, Math.floor(amount / 2)) } }
                : roll < 0.9
                  ? { action: "approve" }
                  : { action: "reject", comment: "no" };
            // Two reviewer tools sending the same decision at the same moment: one may win.
            decide(t, input);
            decide(t, input);
          }
        }
        if (bulk.length > 0) {
          const outcomes = await decideTasksBulk({ principal: owner, taskIds: bulk, input: { action: "approve" } });
          for (const o of outcomes) if (o.ok) acknowledged.set(o.taskId, { action: "approve" });
          stats.bulkDecisions += outcomes.filter((o) => o.ok).length;
        }
      }

      const open = await getDb()
        .select({ id: runs.id })
        .from(runs)
        .where(and(eq(runs.teamId, team.id), inArray(runs.status, ["queued", "running", "waiting"])));
      const openTasks = await getDb()
        .select({ id: tasks.id })
        .from(tasks)
        .where(and(eq(tasks.teamId, team.id), eq(tasks.status, "pending")));
      const allStarted = startedRuns >= RUNS && startedTasks >= STANDALONE && inflight.size === 0 && !restarting;
      if (allStarted && open.length === 0 && openTasks.length === 0 && kills() >= KILLS) break;
      if (Date.now() - started > TIMEOUT_MS) {
        violations.push(`${open.length} run(s) and ${openTasks.length} task(s) still open after ${TIMEOUT_MS / 1000} s`);
        break;
      }
      await sleep(300);
    }
    if (restarting) await restarting;

    // Webhooks of the last decisions: wait until every recorded event was delivered.
    for (let i = 0; i < 100; i++) {
      const waiting = await getDb()
        .select({ id: webhookDeliveries.id })
        .from(webhookDeliveries)
        .where(and(eq(webhookDeliveries.teamId, team.id), eq(webhookDeliveries.status, "pending")));
      if (waiting.length === 0) break;
      await sleep(300);
    }

    // Invariants.
    const allRuns = await getDb().select().from(runs).where(eq(runs.teamId, team.id));
    const allTasks = await getDb().select().from(tasks).where(eq(tasks.teamId, team.id));
    const allEffects = await getDb().select().from(effects).where(eq(effects.teamId, team.id));
    const deliveries = await getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.teamId, team.id));
    const mail = await getDb().select().from(mailMessages).where(eq(mailMessages.teamId, team.id));
    if (allRuns.length !== RUNS) violations.push(`${RUNS} starts (one Idempotency-Key each) made ${allRuns.length} runs`);
    const standalone = allTasks.filter((t) => t.runId === null);
    if (standalone.length !== STANDALONE) violations.push(`${STANDALONE} task creations made ${standalone.length} tasks`);
    const statusCount: Record<string, number> = {};
    for (const run of allRuns) {
      statusCount[run.status] = (statusCount[run.status] ?? 0) + 1;
      const own = allTasks.filter((t) => t.runId === run.id);
      const refundsDone = allEffects.filter((e) => e.key === `refund:${run.id}`);
      const amount = (run.input as { amount: number }).amount;
      const approvedTask = own.find(
        (t) => (t.status === "decided" || t.status === "expired") && (t.decision?.action === "approve" || t.decision?.action === "edit"),
      );
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
    // No decision lost: every decision a 200 confirmed is the task's decision; none confirmed twice.
    for (const [taskId, ack] of acknowledged) {
      const t = allTasks.find((x) => x.id === taskId);
      if (!t || t.decision?.action !== ack.action || t.status !== "decided")
        violations.push(`task ${taskId}: confirmed ${ack.action}, stored ${t?.status}/${t?.decision?.action}`);
      else if (ack.amount !== undefined && (t.decision.payload as { amount?: number }).amount !== ack.amount)
        violations.push(`task ${taskId}: confirmed amount ${ack.amount}, stored another`);
    }
    for (const [taskId, n] of okCount) if (n > 1) violations.push(`task ${taskId} decided ${n} times`);
    // Webhooks: one event per task and outcome, for an outcome that happened, delivered.
    for (const t of standalone) {
      const own = deliveries.filter((d) => d.taskId === t.id);
      const want =
        t.status === "decided"
          ? "task.decided"
          : t.status === "expired"
            ? "task.expired"
            : t.status === "cancelled"
              ? "task.cancelled"
              : null;
      if (own.length !== (want ? 1 : 0) || (want && own[0]!.type !== want))
        violations.push(`task ${t.id} (${t.status}): webhook events ${JSON.stringify(own.map((d) => d.type))}`);
      if (own.some((d) => d.status !== "delivered")) violations.push(`task ${t.id}: webhook not delivered`);
    }
    const distinct = new Map<string, Set<string>>();
    for (const r of receiver.received) {
      const set = distinct.get(r.taskId) ?? new Set();
      set.add(r.eventId);
      distinct.set(r.taskId, set);
    }
    for (const [taskId, ids] of distinct)
      if (ids.size > 1) violations.push(`task ${taskId}: ${ids.size} different webhook events received`);
    stats.webhooksReceived = receiver.received.length;
    // Emails: none sent twice (same recipient, subject and text).
    const seen = new Set<string>();
    for (const m of mail) {
      const k = `${m.to}\n${m.subject}\n${m.text}`;
      if (seen.has(k)) violations.push(`email to ${m.to} "${m.subject}" stored twice`);
      seen.add(k);
    }
    const chain = await verifyAuditChain({ teamId: team.id });
    if (!chain.ok) violations.push(`audit chain broken: ${JSON.stringify(chain.broken)}`);
    const taskStatuses: Record<string, number> = {};
    for (const t of allTasks) taskStatuses[t.status] = (taskStatuses[t.status] ?? 0) + 1;
    console.log(
      JSON.stringify(
        {
          ...stats,
          webStarts: server.starts,
          webhookRedeliveries: receiver.received.length - [...distinct.values()].reduce((n, s) => n + s.size, 0),
          emails: mail.length,
          runStatuses: statusCount,
          taskStatuses,
          auditEvents: chain.events,
          violations,
        },
        null,
        2,
      ),
    );
    return violations.length === 0 ? 0 : 1;
  } finally {
    for (const w of workers) w.kill("SIGKILL");
    await web?.kill().catch(() => {});
    receiver.close();
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
