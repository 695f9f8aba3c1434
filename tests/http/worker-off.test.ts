import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { leads, refundInput } from "./api";
import { newTeam, outreachOutbox, pendingJobs, refundRows, serverForFile, waitUntil } from "./fixtures";
import { ROOT } from "./server";

/**
 * ACL_WORKER=off: the web process runs no jobs; separate `npm run worker` processes (the same
 * command, scripts/worker.ts) on the same database do, any of them any run, exactly once.
 */
const ctx = serverForFile({ env: { ACL_WORKER: "off" } });
const workers: ChildProcess[] = [];
afterAll(() => {
  for (const w of workers) if (w.exitCode === null) w.kill("SIGKILL");
});

function startWorkerProcess() {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(ROOT, "scripts/worker.ts")], {
    cwd: ROOT,
    env: { ...ctx.server.env, WORKER_CONCURRENCY: "2" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  workers.push(child);
  return { child, output: () => out };
}

it("with ACL_WORKER=off nothing runs until `npm run worker` starts; two workers share the queue; one dies, the other finishes", async () => {
  const { api } = await newTeam(ctx.server);
  const auto = await api.startRun("refund", refundInput(10));
  const manual = await api.startRun("refund", refundInput(100));
  // The web process does not run jobs: the runs stay queued and their jobs stay untouched.
  const polled = await api.get<{ status: string }>(`/runs/${auto.id}?wait=3`);
  expect(polled.body.status).toBe("queued");
  const jobs = await pendingJobs();
  expect(jobs.filter((j) => j.task === "run:advance" && [`run:${auto.id}`, `run:${manual.id}`].includes(j.key ?? ""))).toEqual([
    expect.objectContaining({ locked: false }),
    expect.objectContaining({ locked: false }),
  ]);

  const a = startWorkerProcess();
  const b = startWorkerProcess();
  await waitUntil(
    async () => [a.output(), b.output()],
    (outs) => outs.every((o) => o.includes("[worker] started")),
    { timeoutMs: 90_000, what: "both `npm run worker` processes to start" },
  );

  expect((await api.waitForRun(auto.id, { timeoutMs: 90_000 })).output).toEqual({ refunded: true, amount: 10 });
  const [task] = await api.waitingTasks(manual.id);
  const outreach = await api.startRun("email-outreach", { leads: leads(6, "workers") });
  const drafts = await api.waitingTasks(outreach.id);
  expect(drafts).toHaveLength(6);

  // One worker dies; the survivor takes every job from here on (a crashed worker's locked job is
  // released by the survivor once the dead one's heartbeat is stale).
  a.child.kill("SIGKILL");
  await api.decide(task!.id, { action: "approve" });
  for (const d of drafts) await api.decide(d.id, { action: "approve" });
  expect((await api.waitForRun(manual.id, { until: ["completed"], timeoutMs: 120_000 })).output).toEqual({ refunded: true, amount: 100 });
  const done = await api.waitForRun(outreach.id, { until: ["completed"], timeoutMs: 120_000 });
  expect(done.output.sent).toHaveLength(6);
  expect(await refundRows(auto.id)).toHaveLength(1);
  expect(await refundRows(manual.id)).toHaveLength(1);
  expect(await outreachOutbox(outreach.id)).toHaveLength(6);
  expect(b.child.exitCode).toBeNull();
});
