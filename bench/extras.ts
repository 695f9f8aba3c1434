import fs from "node:fs";
import pg from "pg";
import type { TestServer } from "../tests/http/server";
import type { PlatformClient } from "./platform";
import { pool, since, summarize, type Summary } from "./stats";

/** Resident memory (bytes) of every process in the server's process group (web + worker child). */
function groupRss(pgid: number): number {
  let total = 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid) continue; // field 5 of stat: process group
      const status = fs.readFileSync(`/proc/${entry}/status`, "utf8");
      total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
    } catch {
      // the process exited meanwhile
    }
  }
  return total;
}

/** Least-squares slope of y over x (NaN for fewer than two distinct x). */
function slope(points: Array<[number, number]>): number {
  const n = points.length;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  const sxx = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  const sxy = points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
  return sxx === 0 ? Number.NaN : sxy / sxx;
}

/** The optional large-scale figures: task listing at 1M tasks, RSS with many waiting runs. */
export async function extras(p: {
  api: PlatformClient;
  server: TestServer;
  admin: pg.Client;
  dbName: string;
  teamId: string;
  listingTasks: number;
  rssRuns: number;
  log: (m: string) => void;
}) {
  const results: Record<string, unknown> = {};
  const rows: Array<{ name: string; raw: null; platform: Summary | number; unit: string }> = [];
  const url = new URL(process.env.DATABASE_URL!);
  const db = new pg.Client({ connectionString: url.toString() });
  await db.connect();
  try {
    if (p.listingTasks > 0) {
      const n = p.listingTasks;
      p.log(`listing: inserting ${n} tasks (${Math.round(n / 10)} pending in queue 'bulk')`);
      await db.query(
        `insert into tasks (id, team_id, kind, queue, status, title, payload, allowed)
         select 'task_bench_' || lpad(g::text, 8, '0'), $1, 'approval',
                case when g % 10 = 0 then 'bulk' else 'other' || (g % 7) end,
                case when g % 10 = 0 then 'pending' else 'decided' end,
                'Draft ' || g, '{}'::jsonb, '{approve,reject}'
         from generate_series(1, $2::int) g`,
        [p.teamId, n],
      );
      await db.query("analyze tasks");
      // Client time (fetch → parsed body) and server time (the Server-Timing header) per request.
      const page = async (cursor?: string) => {
        const client: number[] = [];
        const server: number[] = [];
        for (let i = 0; i < 50; i++) {
          const t0 = performance.now();
          const res = await p.api.timedCall("GET", `/tasks?queue=bulk&status=pending&limit=50${cursor ? `&cursor=${cursor}` : ""}`);
          client.push(since(t0));
          server.push(res.serverMs);
        }
        return { client: summarize(client), server: summarize(server) };
      };
      const first = await page();
      const deep = await page(`task_bench_${String(Math.floor(n * 0.9)).padStart(8, "0")}`);
      results.listing = { tasks: n, pending: Math.round(n / 10), firstPageMs: first, deepPageMs: deep };
      rows.push({ name: `task listing over HTTP, first page (${n} tasks)`, raw: null, platform: first.client, unit: "ms" });
      rows.push({ name: `task listing, first page, server time`, raw: null, platform: first.server, unit: "ms" });
      rows.push({ name: `task listing over HTTP, page at 90 % depth`, raw: null, platform: deep.client, unit: "ms" });
      rows.push({ name: `task listing, page at 90 % depth, server time`, raw: null, platform: deep.server, unit: "ms" });
      await db.query("delete from tasks where id like 'task_bench_%'");
    }
    if (p.rssRuns > 0) {
      const pgid = p.server.pid!;
      const before = groupRss(pgid);
      p.log(`rss: starting ${p.rssRuns} refund runs to waiting`);
      // RSS after every tenth of the runs: a growth that flattens is the heap reaching its working
      // size under load (V8 keeps what it grew); a growth that stays linear is memory kept per run.
      const step = Math.max(1, Math.ceil(p.rssRuns / 10));
      const series: Array<{ waitingRuns: number; rssBytes: number }> = [{ waitingRuns: 0, rssBytes: before }];
      for (let from = 0; from < p.rssRuns; from += step) {
        const ids = Array.from({ length: Math.min(step, p.rssRuns - from) }, (_, i) => from + i);
        await pool(ids, 16, async (i) => {
          const run = await p.api.startRun("refund", {
            orderId: `rss${i}`,
            amount: 100,
            currency: "USD",
            reason: "bench",
            customerEmail: "c@example.com",
          });
          await p.api.waitForTasks(run.id);
        });
        series.push({ waitingRuns: from + ids.length, rssBytes: groupRss(pgid) });
      }
      const after = series.at(-1)!.rssBytes;
      const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
      // The first tenth grows the heap to its working size under load; after it, single readings
      // swing with garbage collection, so memory kept per waiting run is the least-squares slope.
      const trend = slope(series.slice(1).map((x) => [x.waitingRuns, x.rssBytes]));
      results.rss = {
        waitingRuns: p.rssRuns,
        beforeBytes: before,
        afterBytes: after,
        growthMb: mb(after - before),
        series,
        bytesPerRunAfterFirstTenth: Math.round(trend),
      };
      p.log(`rss series (MB): ${series.map((x) => `${x.waitingRuns}:${mb(x.rssBytes)}`).join(" ")}`);
      rows.push({ name: `RSS growth (web + worker) with ${p.rssRuns} waiting runs`, raw: null, platform: mb(after - before), unit: "MB" });
      rows.push({
        name: `RSS trend after the first ${step} runs, per ${p.rssRuns} waiting runs (least squares)`,
        raw: null,
        platform: Number.isFinite(trend) ? mb(trend * p.rssRuns) : Number.NaN,
        unit: "MB",
      });
    }
  } finally {
    await db.end();
  }
  return { results, rows };
}
