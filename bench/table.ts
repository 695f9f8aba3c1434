import type { Summary } from "./stats";

type Cell = Summary | number | null;
interface Row {
  name: string;
  raw: Cell;
  platform: Cell;
  unit: string;
}

const fmt = (c: Cell, unit: string) => {
  if (c === null || (typeof c === "number" && Number.isNaN(c))) return "—";
  if (typeof c === "number") return `${c} ${unit}`;
  return `${c.p50} / ${c.p95} / ${c.p99} ms`;
};
const headline = (c: Cell) => (c === null ? null : typeof c === "number" ? c : c.p50);

/** platform ÷ raw on p50 (latency: lower is better) or on the rate (throughput: higher is better). */
export function ratio(r: Row): string {
  const a = headline(r.raw);
  const b = headline(r.platform);
  if (a === null || b === null || a === 0) return "";
  return `${(b / a).toFixed(2)}×`;
}

/** Prints the table as Markdown (pasted into the README's Performance section). */
export function printTable(rows: Row[], machine: Record<string, unknown>) {
  const lines = ["| figure | raw LangGraph | platform | platform ÷ raw |", "| --- | --- | --- | --- |"];
  for (const r of rows) lines.push(`| ${r.name} | ${fmt(r.raw, r.unit)} | ${fmt(r.platform, r.unit)} | ${ratio(r)} |`);
  console.log(lines.join("\n"));
  console.log("\nLatencies are p50 / p95 / p99. Machine:", JSON.stringify(machine));
}
