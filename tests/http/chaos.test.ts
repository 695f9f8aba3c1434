import { describe, expect, it } from "vitest";
import { runProcess } from "../helpers";

/**
 * The short version of `npm run chaos` (README → Reliability lists a long run's figures): the
 * production web server and two workers SIGKILLed at random during a mixed workload driven over
 * HTTP, at least one kill each of the web server and a worker.
 */
describe("chaos: web server and workers SIGKILLed at random during a mixed workload", () => {
  it("every run and task ends, no refund or webhook twice or without approval, no decision lost, audit chain intact", async () => {
    const result = await runProcess("npm", ["run", "-s", "chaos"], {
      env: {
        ...process.env,
        CHAOS_RUNS: "12",
        CHAOS_TASKS: "6",
        CHAOS_KILLS: "4",
        CHAOS_WEB_SHARE: "0.5",
        CHAOS_MIN_WEB_KILLS: "1",
        CHAOS_TIMEOUT_S: "400",
      },
      timeoutMs: 480_000,
    });
    expect(result.code, result.stderr || result.stdout).toBe(0);
    const report = JSON.parse(result.stdout) as {
      kills: { web: number; worker: number };
      runs: number;
      standaloneTasks: number;
      violations: string[];
      runStatuses: Record<string, number>;
    };
    expect(report.violations).toEqual([]);
    expect(report.kills.web + report.kills.worker).toBe(4);
    expect(report.kills.web).toBeGreaterThanOrEqual(1);
    expect(report.kills.worker).toBeGreaterThanOrEqual(1);
    expect(report.runs).toBe(12);
    expect(report.standaloneTasks).toBe(6);
    expect(Object.keys(report.runStatuses).every((s) => s === "completed" || s === "cancelled")).toBe(true);
  }, 500_000);
});
