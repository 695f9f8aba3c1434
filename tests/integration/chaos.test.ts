import { describe, expect, it } from "vitest";
import { runProcess } from "../helpers";

/** The short version of `npm run chaos` (README → Reliability lists a long run's figures). */
describe("chaos: workers SIGKILLed at random during a mixed workload", () => {
  it("every run ends terminal with no refund done twice or without approval, no decision lost, audit chain intact", async () => {
    const result = await runProcess("npm", ["run", "-s", "chaos"], {
      env: { ...process.env, CHAOS_RUNS: "12", CHAOS_KILLS: "3", CHAOS_TIMEOUT_S: "240" },
      timeoutMs: 300_000,
    });
    expect(result.code, result.stderr || result.stdout).toBe(0);
    const report = JSON.parse(result.stdout) as { kills: number; runs: number; violations: string[]; runStatuses: Record<string, number> };
    expect(report.violations).toEqual([]);
    expect(report.kills).toBe(3);
    expect(report.runs).toBe(12);
    expect(Object.keys(report.runStatuses).every((s) => s === "completed" || s === "cancelled")).toBe(true);
  }, 320_000);
});
