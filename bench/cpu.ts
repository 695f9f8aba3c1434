import { execFileSync } from "node:child_process";
import fs from "node:fs";

/**
 * CPU time (user + system, ms) read from /proc, to say what limits throughput on a machine with
 * few cores: the work each run costs across every process involved, not only the wall time.
 */
let ticksPerSecond: number | null = null;
function clockTicks() {
  if (ticksPerSecond === null) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** Sum of user + system CPU ms of the processes `select` accepts (by process group and command name). */
function cpuMsWhere(select: (p: { pgrp: number; comm: string }) => boolean): number {
  let ticks = 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // fields[0] is stat's 3rd field (state): pgrp is the 5th, utime the 14th, stime the 15th.
      if (!select({ pgrp: Number(fields[2]), comm })) continue;
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // exited meanwhile
    }
  }
  return (ticks * 1000) / clockTicks();
}

/** PostgreSQL's processes (every backend and the server's own), whichever cluster serves the bench. */
export const postgresCpuMs = () => cpuMsWhere((p) => p.comm === "postgres" || p.comm.startsWith("postgres:"));

/** A process group's CPU (the web server and its worker child). */
export const groupCpuMs = (pgid: number) => cpuMsWhere((p) => p.pgrp === pgid);

/** This process (the bench: raw LangGraph runs here). */
export const selfCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
