import fs from "node:fs";
import { expect, it } from "vitest";
import { refundInput, sleep } from "./api";
import { newTeam, serverForFile } from "./fixtures";

/**
 * `npm start` runs the job worker in a child process (ACL_WORKER=child, the default): resumes
 * never share the web event loop. The child is supervised: killed, it is started again; on
 * SIGTERM the server stops it first and the whole process group exits.
 */
const ctx = serverForFile();

/** Pids of the server's process group whose command line runs scripts/worker.ts. */
function workerPids(pgid: number): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]) !== pgid) continue;
      if (fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").includes("scripts/worker.ts")) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

async function waitFor<T>(what: string, fn: () => T | undefined, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

it("runs jobs in a supervised child process, restarts it after a crash and stops it on SIGTERM", async () => {
  const { api } = await newTeam(ctx.server);
  const pgid = ctx.server.pid!;
  const first = await waitFor("the worker child", () => workerPids(pgid)[0]);
  expect(first).not.toBe(pgid);

  const before = await api.startRun("refund", refundInput(100));
  const [task] = await api.waitingTasks(before.id);
  expect(task).toBeDefined();

  process.kill(first, "SIGKILL");
  const second = await waitFor("a restarted worker child", () => workerPids(pgid).find((p) => p !== first));
  expect(ctx.server.logs()).toMatch(/child process \d+ exited \(code null, signal SIGKILL\); restarting/);

  // The web process kept serving, and the new child resumes the run and runs new ones.
  await api.decide(task!.id, { action: "approve" });
  expect((await api.waitForRun(before.id, { until: ["completed"] })).status).toBe("completed");
  const after = await api.startRun("refund", refundInput(100));
  expect((await api.waitForRun(after.id, { until: ["waiting"] })).status).toBe("waiting");

  await ctx.server.stop();
  // It exited on SIGTERM by itself (Next.js answers it with 143), not by the SIGKILL after the grace period.
  expect(ctx.server.logs()).toMatch(/----- exit code=(0|143) signal=null -----\n$/);
  // No orphan: the child finished its jobs and exited with the server.
  await waitFor(
    "the worker child to exit",
    () => (workerPids(pgid).length === 0 && !fs.existsSync(`/proc/${second}`) ? true : undefined),
    20_000,
  );
  await ctx.server.restart(); // afterAll stops it again
});
