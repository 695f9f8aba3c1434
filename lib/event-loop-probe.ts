import "server-only";

/**
 * A test-only gauge of how long the event loop was blocked (ACL_EVENT_LOOP_PROBE=1): a 10 ms
 * timer notes, for each gap between its ticks, the wall-clock time and the process CPU time.
 * Wall time alone is what a waiting request feels, but on a loaded machine it mostly measures the
 * scheduler (a process that gets 1/15 of a core stretches 60 ms of work to 1 s). CPU time within a
 * single gap is what the loop itself spent without yielding — synchronous work — and does not grow
 * with the load (it overcounts a little: it includes GC helper threads). The hostile-input suite
 * bounds that, and reports both.
 */
export interface EventLoopBlock {
  /** The longest gap between two ticks, in ms (10 ms when nothing blocked). */
  maxGapMs: number;
  /** The most CPU time spent within one gap, in ms: the longest synchronous stretch. */
  maxCpuMs: number;
  /** Ticks observed since the last read. */
  ticks: number;
}

interface Probe {
  lastWall: number;
  lastCpu: NodeJS.CpuUsage;
  since: EventLoopBlock;
}

const INTERVAL_MS = 10;
// On globalThis: route bundles do not share module instances with each other.
const KEY = Symbol.for("acl.eventLoopProbe");
type WithProbe = typeof globalThis & { [KEY]?: Probe };

function fresh(): EventLoopBlock {
  return { maxGapMs: 0, maxCpuMs: 0, ticks: 0 };
}

function start(): Probe {
  const probe: Probe = { lastWall: performance.now(), lastCpu: process.cpuUsage(), since: fresh() };
  setInterval(() => {
    const wall = performance.now();
    const cpu = process.cpuUsage(probe.lastCpu);
    probe.since.maxGapMs = Math.max(probe.since.maxGapMs, wall - probe.lastWall);
    probe.since.maxCpuMs = Math.max(probe.since.maxCpuMs, (cpu.user + cpu.system) / 1000);
    probe.since.ticks += 1;
    probe.lastWall = wall;
    probe.lastCpu = process.cpuUsage();
  }, INTERVAL_MS).unref();
  return probe;
}

/** The longest block since the previous call (started by the first call); null unless enabled. */
export function readEventLoopBlock(): EventLoopBlock | null {
  if (process.env.ACL_EVENT_LOOP_PROBE !== "1") return null;
  const g = globalThis as WithProbe;
  if (!g[KEY]) {
    g[KEY] = start();
    return fresh();
  }
  const out = g[KEY].since;
  g[KEY].since = fresh();
  return { ...out, maxGapMs: Math.round(out.maxGapMs), maxCpuMs: Math.round(out.maxCpuMs) };
}
