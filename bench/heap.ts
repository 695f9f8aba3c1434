import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { TestServer } from "../tests/http/server";
import { PlatformClient } from "./platform";
import { openBenchDatabase } from "./setup";
import { pool } from "./stats";

/**
 * `npm run bench:heap [-- FROM TO]` (default 1000 5000): memory kept per waiting run, measured as
 * the live heap after a full GC rather than RSS (which swings with GC timing and keeps what the
 * heap once grew to). Starts the production server with `--heapsnapshot-signal`, takes FROM refunds
 * to `waiting`, writes a heap snapshot of the web process and its worker child (a snapshot runs a
 * full GC first), takes the runs to TO, snapshots again, and prints each process's live heap
 * (the sum of the snapshot's self sizes) and the difference per waiting run.
 */
const [from, to] = [Number(process.argv[2] ?? 1000), Number(process.argv[3] ?? 5000)];

function liveHeapBytes(file: string): number {
  const snapshot = JSON.parse(fs.readFileSync(file, "utf8")) as { snapshot: { meta: { node_fields: string[] } }; nodes: number[] };
  const fields = snapshot.snapshot.meta.node_fields;
  const selfSize = fields.indexOf("self_size");
  let total = 0;
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) total += snapshot.nodes[i + selfSize]!;
  return total;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acl-heap-"));
  const ctx = await openBenchDatabase();
  const server = await TestServer.start({
    databaseUrl: ctx.dbUrl,
    env: { NODE_OPTIONS: `--heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${dir}` },
  });
  try {
    const api = new PlatformClient(server.url, ctx.agentKey, ctx.reviewerKey);
    const group = () =>
      execFileSync("ps", ["-o", "pid=", "-g", String(server.pid)], { encoding: "utf8" })
        .trim()
        .split(/\s+/)
        .map(Number);
    let started = 0;
    const startUpTo = async (n: number) => {
      const ids = Array.from({ length: n - started }, (_, i) => started + i);
      started = n;
      await pool(ids, 16, async (i) => {
        const run = await api.startRun("refund", {
          orderId: `heap${i}`,
          amount: 100,
          currency: "USD",
          reason: "bench",
          customerEmail: "c@example.com",
        });
        await api.waitForTasks(run.id);
      });
    };
    const snapshot = async () => {
      await new Promise((r) => setTimeout(r, 3_000)); // let the last jobs finish
      const before = new Set(fs.readdirSync(dir));
      const pids = group();
      for (const pid of pids) process.kill(pid, "SIGUSR2");
      let files: string[] = [];
      for (let last = -1; ;) {
        await new Promise((r) => setTimeout(r, 2_000));
        files = fs.readdirSync(dir).filter((f) => !before.has(f));
        const size = files.reduce((a, f) => a + fs.statSync(path.join(dir, f)).size, 0);
        // Every process wrote, nothing grows, and each file is complete JSON (ends with its closing brace).
        const complete = files.every((f) => fs.readFileSync(path.join(dir, f), "utf8").trimEnd().endsWith("}"));
        if (files.length === pids.length && size === last && complete) break;
        last = size;
      }
      const byPid = new Map<number, number>();
      for (const f of files) byPid.set(Number(f.split(".")[3]), liveHeapBytes(path.join(dir, f)));
      for (const f of files) fs.rmSync(path.join(dir, f));
      return byPid;
    };
    await startUpTo(from);
    const a = await snapshot();
    await startUpTo(to);
    const b = await snapshot();
    const mb = (x: number) => (x / 2 ** 20).toFixed(1);
    let delta = 0;
    for (const [pid, bytes] of b) {
      const was = a.get(pid) ?? Number.NaN;
      delta += bytes - was;
      console.log(`process ${pid}: live heap ${mb(was)} MB at ${from} waiting runs, ${mb(bytes)} MB at ${to}`);
    }
    console.log(`kept per waiting run: ${Math.round(delta / (to - from))} bytes (${mb((delta / (to - from)) * 10_000)} MB per 10,000)`);
  } finally {
    await server.stop();
    await ctx.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
