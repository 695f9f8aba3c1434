import { expect, it } from "vitest";
import { runBench } from "@/bench/run";

/**
 * `npm run bench` at a tiny size, to show it works end to end (raw LangGraph and the production
 * server on one fresh database, every phase). No timing is asserted: only that each figure exists.
 */
it("runs every phase of the benchmark at a tiny size and reports each figure", async () => {
  const report = await runBench({
    runs: 2,
    concurrency: 2,
    concurrentRuns: 4,
    leads: [3],
    rawOneByOneMax: 3,
    listingTasks: 200,
    rssRuns: 2,
    out: null,
    quiet: true,
  });
  const results = report.results as Record<string, any>;
  expect(results.sequential.raw.startToInterruptMs.n).toBe(2);
  expect(results.sequential.platform.decisionToCompletedMs.n).toBe(2);
  expect(results.concurrent.platform.resumesPerSecond).toBeGreaterThan(0);
  expect(results.concurrent.raw.startsPerSecond).toBeGreaterThan(0);
  // Waiting runs grow the checkpoint and task tables (pg_total_relation_size deltas).
  expect(results.concurrent.platform.databaseBytesPerWaitingRun).toBeGreaterThan(0);
  // 3 drafts, the first rejected one by one: 2 sent; all 3 approved in bulk (runBench checks the bulk run too).
  expect(results.outreach_3.platform.sent).toBe(2);
  expect(results.outreach_3.raw.oneByOneMs).toBeGreaterThanOrEqual(0);
  expect(results.outreach_3.platform.bulk.decisionToCompletedMs).toBeGreaterThan(0);
  expect(results.extras.listing).toMatchObject({
    tasks: 200,
    pending: 20,
    firstPageMs: { client: { n: 50 }, server: { n: 50 } },
    deepPageMs: { client: { n: 50 }, server: { n: 50 } },
  });
  // Server time comes from the API's Server-Timing header: a number, and less than the client's.
  expect(results.extras.listing.firstPageMs.server.p50).toBeGreaterThan(0);
  expect(results.extras.listing.firstPageMs.server.p50).toBeLessThanOrEqual(results.extras.listing.firstPageMs.client.p50);
  expect(results.sequential.platform.decisionServerMs.n).toBe(2);
  expect(results.sequential.platform.decisionServerMs.p50).toBeGreaterThan(0);
  // CPU per run, from /proc, for both sides.
  for (const k of ["rawStart", "rawResume", "platformStart", "platformResume"])
    expect(results.concurrent.cpuMsPerRun[k]).toBeGreaterThan(0);
  expect(results.extras.rss.waitingRuns).toBe(2);
  expect(results.extras.rss.series).toHaveLength(3);
  expect(report.table.every((row) => row.platform !== null)).toBe(true);
}, 300_000);

it("scale-out: two web processes and two `npm run worker` processes on one database, each run executed once", async () => {
  const report = await runBench({
    scaleOut: true,
    scaleOutOptions: { webs: 2, workers: 2, runs: 3, concurrency: 2, workerConcurrency: 2 },
    out: null,
    quiet: true,
  });
  const s = (report.results as Record<string, any>).scaleOut;
  expect(s.phases.map((p: { workers: string }) => p.workers)).toEqual(["1 worker", "2 workers"]);
  expect(s.phases.every((p: { runsPerSecond: number }) => p.runsPerSecond > 0)).toBe(true);
  // 2 warm-up + 3 measured runs per phase, every one completed exactly once.
  expect(s.exactlyOnce).toMatchObject({ ok: true, runs: 10, completed: 10, withOneTask: 10, withOneRefundEffect: 10 });
  expect(s.exactlyOnce.checkpointsPerRun).toHaveLength(1);
}, 300_000);
