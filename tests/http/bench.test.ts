import { expect, it } from "vitest";
import { runBench } from "@/bench/run";

/**
 * `npm run bench` at a tiny size, to show it works end to end (raw LangGraph and the production
 * server on one fresh database, every phase). No timing is asserted: only that each figure exists.
 */
it("runs every phase of the benchmark at a tiny size and reports each figure", async () => {
  const report = await runBench({ runs: 2, concurrency: 2, concurrentRuns: 4, leads: [3], rawOneByOneMax: 3, out: null, quiet: true });
  const results = report.results as Record<string, any>;
  expect(results.sequential.raw.startToInterruptMs.n).toBe(2);
  expect(results.sequential.platform.decisionToCompletedMs.n).toBe(2);
  expect(results.concurrent.platform.resumesPerSecond).toBeGreaterThan(0);
  expect(results.concurrent.raw.startsPerSecond).toBeGreaterThan(0);
  // 3 drafts, the first rejected: 2 sent, one by one and in bulk (runBench checks the bulk run too).
  expect(results.outreach_3.platform.sent).toBe(2);
  expect(results.outreach_3.raw.oneByOneMs).toBeGreaterThanOrEqual(0);
  expect(results.outreach_3.platform.bulk.decisionToCompletedMs).toBeGreaterThan(0);
  expect(report.table.every((row) => row.platform !== null)).toBe(true);
});
