import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { TestServer, ROOT } from "../tests/http/server";
import { PlatformClient, RunWatcher } from "./platform";
import { perSecond, pool, since, summarize } from "./stats";
import type { BenchContext } from "./setup";

/**
 * Scale-out, for real: `webs` production web processes (`next start`, ACL_WORKER=off: they run no
 * jobs) and separate `npm run worker` processes, all on one Postgres. The same load runs first
 * with one worker, then with every worker, so the throughput the extra workers add is measured
 * in one run. Requests alternate between the web processes as a load balancer would (a run is
 * started on one and decided on the other). Afterwards the database shows that no run was
 * executed twice: every run completed, one refund effect, one task and the same number of
 * checkpoints each.
 */
export interface ScaleOutOptions {
  webs: number;
  workers: number;
  /** Refunds per phase (start → task visible → decision → completed). */
  runs: number;
  concurrency: number;
  workerConcurrency: number;
}

export const SCALE_OUT_DEFAULTS: ScaleOutOptions = { webs: 2, workers: 2, runs: 120, concurrency: 16, workerConcurrency: 4 };

const refundInput = (i: number) => ({ orderId: `s${i}`, amount: 100, currency: "USD", reason: "bench", customerEmail: "c@example.com" });

/** `npm run worker`, exactly as an operator starts one (scripts/worker.ts). */
function startWorker(env: NodeJS.ProcessEnv, concurrency: number) {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(ROOT, "scripts/worker.ts")], {
    cwd: ROOT,
    env: { ...env, WORKER_CONCURRENCY: String(concurrency) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const started = new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (out.includes("[worker] started")) {
        clearInterval(timer);
        resolve();
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`worker exited: ${out.slice(-2000)}`));
      }
    }, 100);
  });
  return { child, started, output: () => out };
}

async function stopWorker(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  await exited;
  clearTimeout(timer);
}

export async function scaleOut(ctx: BenchContext, o: ScaleOutOptions, log: (m: string) => void) {
  const servers: TestServer[] = [];
  const workers: ReturnType<typeof startWorker>[] = [];
  const watcher = new RunWatcher(ctx.dbUrl);
  try {
    for (let i = 0; i < o.webs; i++) {
      log(`scale-out: web ${i + 1}/${o.webs} (next start, ACL_WORKER=off)`);
      servers.push(await TestServer.start({ databaseUrl: ctx.dbUrl, env: { ACL_WORKER: "off" } }));
    }
    await watcher.start();
    const apis = servers.map((s) => new PlatformClient(s.url, ctx.agentKey, ctx.reviewerKey));
    let calls = 0;
    const next = () => apis[calls++ % apis.length]!; // round robin, per request
    const allRuns: string[] = [];

    const lifecycle = async (i: number) => {
      const run = await next().startRun("refund", refundInput(i));
      allRuns.push(run.id);
      const waiting = await next().waitForTasks(run.id);
      const done = watcher.until(run.id, ["completed"]);
      await next().decide(waiting.pendingTaskIds[0]!, "approve");
      await done;
    };
    const phase = async (label: string, offset: number) => {
      log(`scale-out: ${label}: ${o.runs} refunds, concurrency ${o.concurrency}`);
      for (let i = 0; i < 2; i++) await lifecycle(offset + i); // warm-up (new worker's graphs, JIT)
      const samples: number[] = [];
      const wall = await pool(
        Array.from({ length: o.runs }, (_, i) => offset + 10 + i),
        o.concurrency,
        async (i) => {
          const t0 = performance.now();
          await lifecycle(i);
          samples.push(since(t0));
        },
      );
      return {
        workers: label,
        runs: o.runs,
        runsPerSecond: perSecond(o.runs, wall),
        lifecycleMs: summarize(samples),
        wallMs: Math.round(wall),
      };
    };

    workers.push(startWorker(servers[0]!.env, o.workerConcurrency));
    await workers[0]!.started;
    const one = await phase("1 worker", 0);
    for (let i = 1; i < o.workers; i++) workers.push(startWorker(servers[0]!.env, o.workerConcurrency));
    await Promise.all(workers.map((w) => w.started));
    const all = await phase(`${o.workers} workers`, 1_000_000);

    const exactlyOnce = await checkExactlyOnce(ctx.dbUrl, allRuns);
    if (!exactlyOnce.ok) throw new Error(`scale-out: a run was executed twice or not at all: ${JSON.stringify(exactlyOnce)}`);
    return {
      webs: o.webs,
      workers: o.workers,
      workerConcurrency: o.workerConcurrency,
      concurrency: o.concurrency,
      phases: [one, all],
      speedup: Math.round((all.runsPerSecond / one.runsPerSecond) * 100) / 100,
      exactlyOnce,
    };
  } finally {
    await Promise.all(workers.map((w) => stopWorker(w.child)));
    await watcher.close().catch(() => {});
    await Promise.all(servers.map((s) => s.stop().catch(() => {})));
  }
}

/** Exact counts per run: completed, one task, one refund effect, and the same number of checkpoints. */
async function checkExactlyOnce(url: string, runIds: string[]) {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const { rows } = await db.query<{ id: string; status: string; tasks: number; effects: number; checkpoints: number }>(
      `select r.id, r.status,
              (select count(*)::int from tasks t where t.run_id = r.id) as tasks,
              (select count(*)::int from effects e where e.run_id = r.id and e.key = 'refund:' || r.id) as effects,
              (select count(*)::int from langgraph.checkpoints c where c.thread_id = r.id) as checkpoints
         from runs r where r.id = any($1::text[])`,
      [runIds],
    );
    const checkpointCounts = [...new Set(rows.map((r) => r.checkpoints))];
    const result = {
      runs: runIds.length,
      found: rows.length,
      completed: rows.filter((r) => r.status === "completed").length,
      withOneTask: rows.filter((r) => r.tasks === 1).length,
      withOneRefundEffect: rows.filter((r) => r.effects === 1).length,
      checkpointsPerRun: checkpointCounts,
      totalCheckpoints: rows.reduce((s, r) => s + r.checkpoints, 0),
    };
    const n = runIds.length;
    const ok =
      result.found === n &&
      result.completed === n &&
      result.withOneTask === n &&
      result.withOneRefundEffect === n &&
      checkpointCounts.length === 1;
    return { ok, ...result };
  } finally {
    await db.end();
  }
}
