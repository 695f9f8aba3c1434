import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { demoLeads } from "@/lib/demo/seed";
import { decideTasksBulk } from "@/lib/tasks/decide";
import { TestServer } from "../tests/http/server";
import { PlatformClient, RunWatcher } from "./platform";
import { RawLangGraph, rawDecision } from "./raw";
import { extras } from "./extras";
import { scaleOut, SCALE_OUT_DEFAULTS, type ScaleOutOptions } from "./scale-out";
import { groupCpuMs, postgresCpuMs, selfCpuMs } from "./cpu";
import { openBenchDatabase, type BenchContext } from "./setup";
import { perSecond, pool, since, summarize, type Summary } from "./stats";
import { printTable } from "./table";

/**
 * `npm run bench`: raw LangGraph.js beside the platform, in one run, on one fresh database.
 * Raw = the same workflow graphs invoked in this process with PostgresSaver. Platform = the
 * production build (`next start`, its supervised worker child) driven over HTTP with an API key.
 * Flags (sizes): see `npm run bench -- --help`. Writes bench/results/<time>.json and latest.json.
 */
export interface BenchOptions {
  runs: number;
  concurrency: number;
  concurrentRuns: number;
  leads: number[];
  rawOneByOneMax: number;
  listingTasks: number;
  rssRuns: number;
  /** Instead of the raw/platform comparison: 2 web + 2 worker processes on one Postgres (bench/scale-out.ts). */
  scaleOut: boolean;
  scaleOutOptions: ScaleOutOptions;
  out: string | null;
  quiet: boolean;
}

const DEFAULTS: BenchOptions = {
  runs: 50,
  concurrency: 16,
  concurrentRuns: 160,
  leads: [100, 500],
  rawOneByOneMax: 500,
  listingTasks: 0,
  rssRuns: 0,
  scaleOut: false,
  scaleOutOptions: SCALE_OUT_DEFAULTS,
  out: "bench/results",
  quiet: false,
};

const refundInput = (i: number) => ({ orderId: `b${i}`, amount: 100, currency: "USD", reason: "bench", customerEmail: "c@example.com" });

export async function runBench(partial: Partial<BenchOptions> = {}) {
  const o = { ...DEFAULTS, ...partial };
  const log = (msg: string) => o.quiet || console.error(`[bench] ${msg}`);
  const ctx = await openBenchDatabase();
  const { dbName } = ctx;
  const table: Row[] = [];
  const results: Record<string, unknown> = {};
  const startedAt = new Date();
  const loadBefore = os.loadavg();
  try {
    if (o.scaleOut) {
      log(`database ${dbName}; scale-out`);
      const s = await scaleOut(ctx, o.scaleOutOptions, log);
      results.scaleOut = s;
      for (const ph of s.phases) {
        table.push(
          row(`scale-out ${s.webs} web, ${ph.workers}: refunds per second (start → decision → completed)`, null, ph.runsPerSecond, "/s"),
        );
        table.push(row(`scale-out ${s.webs} web, ${ph.workers}: one run start → completed`, null, ph.lifecycleMs, "ms"));
      }
      table.push(row(`scale-out: ${s.workers} workers ÷ 1 worker, throughput`, null, s.speedup, "×"));
    } else await comparison(ctx, o, log, table, results);
    const report = {
      at: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model,
        memoryGb: Math.round(os.totalmem() / 2 ** 30),
        loadAverageAtStart: loadBefore,
        loadAverageAtEnd: os.loadavg(),
        node: process.version,
      },
      options: o,
      table,
      results,
    };
    if (o.out) {
      fs.mkdirSync(o.out, { recursive: true });
      const body = JSON.stringify(report, null, 2);
      const name = `${report.at.replace(/[:.]/g, "-")}${o.scaleOut ? "-scale-out" : ""}.json`;
      fs.writeFileSync(path.join(o.out, name), body);
      fs.writeFileSync(path.join(o.out, o.scaleOut ? "latest-scale-out.json" : "latest.json"), body);
    }
    if (!o.quiet) printTable(table, report.machine);
    return report;
  } finally {
    await ctx.close();
  }
}

type Row = { name: string; raw: Summary | number | null; platform: Summary | number | null; unit: string };
const row = (name: string, rawS: Summary | number | null, platS: Summary | number | null, unit: string): Row => ({
  name,
  raw: rawS,
  platform: platS,
  unit,
});

/** Raw LangGraph beside the platform (one web process with its worker child). */
async function comparison(ctx: BenchContext, o: BenchOptions, log: (m: string) => void, table: Row[], results: Record<string, unknown>) {
  const { admin, dbName, dbUrl, principal } = ctx;
  let server: TestServer | null = null;
  let raw: RawLangGraph | null = null;
  let watcher: RunWatcher | null = null;
  try {
    log(`database ${dbName}; starting the production server`);
    server = await TestServer.start({ databaseUrl: dbUrl });
    const api = new PlatformClient(server.url, ctx.agentKey, ctx.reviewerKey);
    raw = new RawLangGraph(dbUrl, ctx.teamId);
    watcher = new RunWatcher(dbUrl);
    await watcher.start();
    const w = watcher;
    const r = raw;

    // Warm-up: compile graphs, JIT, route handlers, worker child up.
    for (let i = 0; i < 3; i++) {
      const t = await r.start("refund", refundInput(i));
      await r.resume("refund", t.threadId, { [t.interruptIds[0]!]: rawDecision("approve") });
      const run = await api.startRun("refund", refundInput(i));
      const waiting = await api.waitForTasks(run.id);
      const done = w.until(run.id, ["completed"]);
      await api.decide(waiting.pendingTaskIds[0]!, "approve");
      await done;
    }

    // 1. Sequential: one refund at a time.
    log(`sequential: ${o.runs} refunds, raw then platform`);
    const rawStart: number[] = [];
    const rawResume: number[] = [];
    for (let i = 0; i < o.runs; i++) {
      let t0 = performance.now();
      const t = await r.start("refund", refundInput(i));
      rawStart.push(since(t0));
      t0 = performance.now();
      await r.resume("refund", t.threadId, { [t.interruptIds[0]!]: rawDecision("approve") });
      rawResume.push(since(t0));
    }
    const platStart: number[] = [];
    const platResume: number[] = [];
    const platAnswer: number[] = [];
    const platAnswerServer: number[] = [];
    for (let i = 0; i < o.runs; i++) {
      let t0 = performance.now();
      const run = await api.startRun("refund", refundInput(i));
      const waiting = await api.waitForTasks(run.id);
      platStart.push(since(t0));
      const done = w.until(run.id, ["completed"]);
      t0 = performance.now();
      platAnswerServer.push(await api.decide(waiting.pendingTaskIds[0]!, "approve"));
      platAnswer.push(since(t0));
      await done;
      platResume.push(since(t0));
    }
    results.sequential = {
      runs: o.runs,
      raw: { startToInterruptMs: summarize(rawStart), resumeToDoneMs: summarize(rawResume) },
      platform: {
        startToTaskVisibleMs: summarize(platStart),
        decisionToCompletedMs: summarize(platResume),
        decisionAnsweredMs: summarize(platAnswer),
        decisionServerMs: summarize(platAnswerServer),
      },
    };
    table.push(row("start → interrupt / task visible, sequential", summarize(rawStart), summarize(platStart), "ms"));
    table.push(row("resume → done / decision → completed, sequential", summarize(rawResume), summarize(platResume), "ms"));
    table.push(row("decision answered (resume route), sequential", null, summarize(platAnswer), "ms"));
    table.push(row("decision answered (resume route), sequential, server time", null, summarize(platAnswerServer), "ms"));

    // 2. Concurrency: `concurrentRuns` refunds with `concurrency` in flight.
    log(`concurrency ${o.concurrency}: ${o.concurrentRuns} refunds, raw then platform`);
    const idx = Array.from({ length: o.concurrentRuns }, (_, i) => i);
    // CPU per run across every process doing the work (raw: this process + Postgres; platform:
    // web server + worker child + Postgres, not this client): what bounds throughput on 2 cores.
    const serverPgid = server.pid!;
    const rawCpu = () => selfCpuMs() + postgresCpuMs();
    const platCpu = () => groupCpuMs(serverPgid) + postgresCpuMs();
    const cpu: Record<string, number> = {};
    let c0 = rawCpu();
    const rawThreads: Array<{ threadId: string; interruptIds: string[] }> = [];
    const rawCStart: number[] = [];
    const rawStartWall = await pool(idx, o.concurrency, async (i) => {
      const t0 = performance.now();
      rawThreads[i] = await r.start("refund", refundInput(i));
      rawCStart.push(since(t0));
    });
    cpu.rawStart = (rawCpu() - c0) / o.concurrentRuns;
    c0 = rawCpu();
    const rawCResume: number[] = [];
    const rawResumeWall = await pool(idx, o.concurrency, async (i) => {
      const t0 = performance.now();
      await r.resume("refund", rawThreads[i]!.threadId, { [rawThreads[i]!.interruptIds[0]!]: rawDecision("approve") });
      rawCResume.push(since(t0));
    });
    cpu.rawResume = (rawCpu() - c0) / o.concurrentRuns;
    const bytesBefore = await tableBytes(admin, dbUrl);
    const platRuns: Array<{ id: string; taskId: string }> = [];
    const platCStart: number[] = [];
    c0 = platCpu();
    const platStartWall = await pool(idx, o.concurrency, async (i) => {
      const t0 = performance.now();
      const run = await api.startRun("refund", refundInput(i));
      const waiting = await api.waitForTasks(run.id);
      platCStart.push(since(t0));
      platRuns[i] = { id: run.id, taskId: waiting.pendingTaskIds[0]! };
    });
    cpu.platformStart = (platCpu() - c0) / o.concurrentRuns;
    const waitingBytes = bytesPerRun(bytesBefore, await tableBytes(admin, dbUrl), o.concurrentRuns);
    const bytesPerWaitingRun = waitingBytes.total;
    const platCResume: number[] = [];
    c0 = platCpu();
    const platResumeWall = await pool(idx, o.concurrency, async (i) => {
      const done = w.until(platRuns[i]!.id, ["completed"]);
      const t0 = performance.now();
      await api.decide(platRuns[i]!.taskId, "approve");
      await done;
      platCResume.push(since(t0));
    });
    cpu.platformResume = (platCpu() - c0) / o.concurrentRuns;
    const cpuMs = Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, Math.round(v * 10) / 10]));
    results.concurrent = {
      cpuMsPerRun: cpuMs,
      runs: o.concurrentRuns,
      concurrency: o.concurrency,
      raw: {
        startToInterruptMs: summarize(rawCStart),
        resumeToDoneMs: summarize(rawCResume),
        startsPerSecond: perSecond(o.concurrentRuns, rawStartWall),
        resumesPerSecond: perSecond(o.concurrentRuns, rawResumeWall),
      },
      platform: {
        startToTaskVisibleMs: summarize(platCStart),
        decisionToCompletedMs: summarize(platCResume),
        startsPerSecond: perSecond(o.concurrentRuns, platStartWall),
        resumesPerSecond: perSecond(o.concurrentRuns, platResumeWall),
        databaseBytesPerWaitingRun: bytesPerWaitingRun,
        databaseBytesPerWaitingRunByTable: waitingBytes.perTable,
      },
    };
    table.push(row(`start → interrupt / task visible, concurrency ${o.concurrency}`, summarize(rawCStart), summarize(platCStart), "ms"));
    table.push(
      row(`resume → done / decision → completed, concurrency ${o.concurrency}`, summarize(rawCResume), summarize(platCResume), "ms"),
    );
    table.push(
      row(
        `starts per second, concurrency ${o.concurrency}`,
        perSecond(o.concurrentRuns, rawStartWall),
        perSecond(o.concurrentRuns, platStartWall),
        "/s",
      ),
    );
    table.push(
      row(
        `resumes per second, concurrency ${o.concurrency}`,
        perSecond(o.concurrentRuns, rawResumeWall),
        perSecond(o.concurrentRuns, platResumeWall),
        "/s",
      ),
    );
    table.push(
      row(`CPU per start, concurrency ${o.concurrency} (all processes but the client)`, cpuMs.rawStart!, cpuMs.platformStart!, "ms"),
    );
    table.push(
      row(`CPU per resume, concurrency ${o.concurrency} (all processes but the client)`, cpuMs.rawResume!, cpuMs.platformResume!, "ms"),
    );
    table.push(
      row(
        "database bytes per waiting run (pg_total_relation_size, all tables incl. checkpoints)",
        null,
        Math.round(bytesPerWaitingRun),
        "B",
      ),
    );

    // 3. Fan-out: N drafts of one email-outreach run, decided one by one and in bulk.
    for (const n of o.leads) {
      const leads = demoLeads(n);
      const action = (i: number) => (i % 5 === 0 ? "reject" : "approve");
      const expectSent = leads.filter((_, i) => action(i) === "approve").length;
      log(`outreach ${n}: raw`);
      const rawOut: Record<string, unknown> = {};
      if (n <= o.rawOneByOneMax) {
        const t = await r.start("email-outreach", { leads });
        const t0 = performance.now();
        for (const [i, id] of t.interruptIds.entries()) await r.resume("email-outreach", t.threadId, { [id]: rawDecision(action(i)) });
        rawOut.oneByOneMs = Math.round(since(t0));
      }
      const tb = await r.start("email-outreach", { leads });
      let t0 = performance.now();
      await r.resume("email-outreach", tb.threadId, Object.fromEntries(tb.interruptIds.map((id) => [id, rawDecision("approve")])));
      rawOut.bulkMs = Math.round(since(t0));

      log(`outreach ${n}: platform one by one`);
      t0 = performance.now();
      const run = await api.startRun("email-outreach", { leads });
      const waiting = await api.waitForTasks(run.id, n);
      const startToTasks = since(t0);
      const answers: number[] = [];
      const answersServer: number[] = [];
      const done = w.until(run.id, ["completed"]);
      const first = performance.now();
      for (const [i, taskId] of waiting.pendingTaskIds.entries()) {
        const d0 = performance.now();
        answersServer.push(await api.decide(taskId, action(i)));
        answers.push(since(d0));
      }
      const last = performance.now();
      const final = await done;
      const end = performance.now();
      const sent = (final.output as { sent?: unknown[] } | null)?.sent?.length;
      if (sent !== expectSent) throw new Error(`outreach ${n}: ${sent} sent, expected ${expectSent}`);

      log(`outreach ${n}: platform bulk`);
      const run2 = await api.startRun("email-outreach", { leads });
      const waiting2 = await api.waitForTasks(run2.id, n);
      const done2 = w.until(run2.id, ["completed"]);
      const b0 = performance.now();
      // Bulk approval of every draft, as a reviewer selecting them all (the service caps a call at 500).
      const ids = waiting2.pendingTaskIds;
      const outcomes = [];
      for (let i = 0; i < ids.length; i += 500) {
        outcomes.push(...(await decideTasksBulk({ principal, taskIds: ids.slice(i, i + 500), input: { action: "approve" } })));
      }
      const bulkAnswered = since(b0);
      if (outcomes.some((x) => !x.ok)) throw new Error(`bulk: ${JSON.stringify(outcomes.find((x) => !x.ok))}`);
      const final2 = await done2;
      const bulkDone = since(b0);
      const sent2 = (final2.output as { sent?: unknown[] } | null)?.sent?.length;
      if (sent2 !== n) throw new Error(`outreach ${n} bulk: ${sent2} sent, expected ${n}`);

      results[`outreach_${n}`] = {
        drafts: n,
        raw: rawOut,
        platform: {
          startToAllTasksVisibleMs: Math.round(startToTasks),
          oneByOne: {
            decisionAnsweredMs: summarize(answers),
            decisionServerMs: summarize(answersServer),
            firstDecisionToCompletedMs: Math.round(end - first),
            lastDecisionToCompletedMs: Math.round(end - last),
          },
          bulk: { answeredMs: Math.round(bulkAnswered), decisionToCompletedMs: Math.round(bulkDone) },
          sent,
        },
      };
      table.push(
        row(`${n} drafts one by one: first decision → completed`, (rawOut.oneByOneMs as number) ?? null, Math.round(end - first), "ms"),
      );
      table.push(row(`${n} drafts one by one: last decision → completed`, null, Math.round(end - last), "ms"));
      table.push(row(`${n} drafts one by one: decision answered (resume route), ${n} pending`, null, summarize(answers), "ms"));
      table.push(row(`${n} drafts one by one: decision answered, ${n} pending, server time`, null, summarize(answersServer), "ms"));
      table.push(row(`${n} drafts approved in bulk: decisions → completed`, rawOut.bulkMs as number, Math.round(bulkDone), "ms"));
      table.push(row(`${n} drafts approved in bulk: bulk approval answered`, null, Math.round(bulkAnswered), "ms"));
    }

    if (o.listingTasks > 0 || o.rssRuns > 0) {
      const extra = await extras({ api, server, admin, dbName, teamId: ctx.teamId, listingTasks: o.listingTasks, rssRuns: o.rssRuns, log });
      results.extras = extra.results;
      table.push(...extra.rows);
    }
  } finally {
    await watcher?.close().catch(() => {});
    await raw?.close().catch(() => {});
    await server?.stop().catch(() => {});
  }
}

/** pg_total_relation_size (table + indexes + TOAST) of every table of the app, the checkpointer and the job queue. */
async function tableBytes(admin: pg.Client, dbUrl: string): Promise<Record<string, number>> {
  await admin.query("checkpoint").catch(() => {}); // flush so file sizes are current (needs superuser; best effort)
  const db = new pg.Client({ connectionString: dbUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ name: string; size: string }>(
      `select n.nspname || '.' || c.relname as name, pg_total_relation_size(c.oid) as size
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'p') and n.nspname in ('public', 'langgraph', 'graphile_worker')`,
    );
    return Object.fromEntries(rows.map((r) => [r.name, Number(r.size)]));
  } finally {
    await db.end();
  }
}

/** Bytes per run between two tableBytes() snapshots: the total and the tables that grew. */
function bytesPerRun(before: Record<string, number>, after: Record<string, number>, runs: number) {
  const perTable: Record<string, number> = {};
  let total = 0;
  for (const [name, size] of Object.entries(after)) {
    const delta = size - (before[name] ?? 0);
    total += delta;
    if (delta > 0) perTable[name] = Math.round(delta / runs);
  }
  return { total: Math.round(total / runs), perTable };
}

function parseCli(): Partial<BenchOptions> {
  const { values } = parseArgs({
    options: {
      runs: { type: "string" },
      concurrency: { type: "string" },
      "concurrent-runs": { type: "string" },
      leads: { type: "string" },
      "raw-one-by-one-max": { type: "string" },
      "listing-tasks": { type: "string" },
      "rss-runs": { type: "string" },
      "scale-out": { type: "boolean" },
      webs: { type: "string" },
      workers: { type: "string" },
      "worker-concurrency": { type: "string" },
      out: { type: "string" },
      help: { type: "boolean" },
    },
  });
  if (values.help) {
    console.log(`npm run bench -- [--runs 50] [--concurrency 16] [--concurrent-runs 160] [--leads 100,500]
  [--raw-one-by-one-max 500]   raw LangGraph one-resume-per-draft only up to this size (it is O(N²))
  [--listing-tasks 0]          e.g. 1000000: task listing with that many tasks, 10 % pending in one queue
  [--rss-runs 0]               e.g. 10000: server RSS growth with that many waiting runs
  [--out bench/results]
npm run bench -- --scale-out [--webs 2] [--workers 2] [--worker-concurrency 4] [--runs 120] [--concurrency 16]
                               web processes (ACL_WORKER=off) and \`npm run worker\` processes on one Postgres:
                               throughput with 1 worker, then with all, and exact once-only counts`);
    process.exit(0);
  }
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  const opts: Partial<BenchOptions> = {
    runs: num(values.runs),
    concurrency: num(values.concurrency),
    concurrentRuns: num(values["concurrent-runs"]),
    leads: values.leads === undefined ? undefined : values.leads.split(",").filter(Boolean).map(Number),
    rawOneByOneMax: num(values["raw-one-by-one-max"]),
    listingTasks: num(values["listing-tasks"]),
    rssRuns: num(values["rss-runs"]),
    out: values.out,
  };
  if (values["scale-out"]) {
    opts.scaleOut = true;
    const given = {
      webs: num(values.webs),
      workers: num(values.workers),
      workerConcurrency: num(values["worker-concurrency"]),
      runs: num(values.runs),
      concurrency: num(values.concurrency),
    };
    opts.scaleOutOptions = { ...SCALE_OUT_DEFAULTS, ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) };
  }
  return Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined));
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  runBench(parseCli())
    .then(() => process.exit(0))
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
