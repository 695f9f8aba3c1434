import "server-only";
import { inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { runs, type Actor } from "@/db/schema";
import { startRun } from "@/lib/engine/runs";

const FIRST = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Radia", "Tim", "Margaret", "Linus"];
const LAST = [
  "Lovelace",
  "Hopper",
  "Turing",
  "Dijkstra",
  "Liskov",
  "Knuth",
  "Allen",
  "Thompson",
  "Perlman",
  "Berners-Lee",
  "Hamilton",
  "Torvalds",
];
const COMPANIES = [
  "Acme",
  "Globex",
  "Initech",
  "Umbrella",
  "Hooli",
  "Stark Industries",
  "Wayne Enterprises",
  "Wonka",
  "Tyrell",
  "Cyberdyne",
];

export function demoLeads(count: number) {
  return Array.from({ length: count }, (_, i) => {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
    const company = COMPANIES[i % COMPANIES.length]!;
    return { name: `${first} ${last}`, email: `${first}.${last}.${i}@example.com`.toLowerCase(), company };
  });
}

/** Starts waiting runs of every built-in workflow so a newcomer sees full queues at once. */
export async function seedDemo(params: { teamId: string; actor: Actor; leads?: number }) {
  const start = (workflow: string, input: unknown) =>
    startRun({ teamId: params.teamId, workflow, input, actor: params.actor, metadata: { demo: true } });
  const started = [
    await start("email-outreach", { leads: demoLeads(params.leads ?? 20), product: "AgentControlLayer" }),
    await start("refund", {
      orderId: "ORD-1042",
      amount: 129.5,
      currency: "USD",
      reason: "Arrived damaged",
      customerEmail: "sam@example.com",
    }),
    await start("refund", {
      orderId: "ORD-2210",
      amount: 1450,
      currency: "EUR",
      reason: "Duplicate annual plan",
      customerEmail: "kim@example.com",
    }),
    await start("refund", { orderId: "ORD-3001", amount: 19, currency: "USD", reason: "Late delivery", customerEmail: "lee@example.com" }),
    await start("support-triage", {
      ticket: { subject: "Question about my workspace", body: "Something seems off since yesterday, can you take a look?" },
    }),
    await start("support-triage", { ticket: { subject: "Invoice charged twice", body: "I was charged twice for my invoice this month." } }),
    await start("content-draft", { topic: "Human-in-the-loop AI agents" }),
    await start("ops-agent", { request: "Order 1042 arrived damaged. Please refund the customer and let them know." }),
  ];
  return started.map((r) => ({ id: r.id, workflow: r.workflow }));
}

/** Waits until the given runs have left queued/running (a worker must be running). */
export async function waitForRunsToSettle(runIds: string[], timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await getDb().select({ id: runs.id, status: runs.status }).from(runs).where(inArray(runs.id, runIds));
    const busy = rows.filter((r) => r.status === "queued" || r.status === "running");
    if (busy.length === 0 || Date.now() > deadline) return rows;
    await new Promise((r) => setTimeout(r, 200));
  }
}
