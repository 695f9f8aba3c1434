import { expect, it } from "vitest";
import { leads, mapLimit, shuffle, type Task } from "./api";
import { newTeam, outreachOutbox, sql, serverForFile } from "./fixtures";

/**
 * A reviewer (or several) works through 100 drafts of one email-outreach run in random
 * order, 8 decisions in flight at a time: every draft is decided once, the run completes,
 * and the outbox holds exactly the approved and edited emails, once each.
 */
const ctx = serverForFile();
const N = 100;

type Plan = { task: Task; action: "approve" | "edit" | "reject" };

it(`email-outreach with ${N} leads: random-order approve/edit/reject at concurrency 8`, async () => {
  const seed = Number(process.env.HTTP_TEST_SEED ?? Date.now() % 1_000_000);
  const { api } = await newTeam(ctx.server);
  const people = leads(N, "hundred");

  const t0 = Date.now();
  const run = await api.startRun("email-outreach", { leads: people });
  const tasks = await api.waitingTasks(run.id);
  const tWaiting = Date.now();
  expect(tasks).toHaveLength(N);
  expect(new Set(tasks.map((t) => t.payload.to)).size).toBe(N);
  expect((await api.getRun(run.id)).body.pendingTaskIds).toHaveLength(N);

  // Roughly half approved, a quarter edited, a quarter rejected, decided in a shuffled order.
  const plans: Plan[] = shuffle(tasks, seed).map((task, i) => ({
    task,
    action: (["approve", "approve", "edit", "reject"] as const)[i % 4]!,
  }));
  const order = shuffle(plans, seed + 1);
  const edits = new Map<string, { to: string; subject: string; body: string }>();
  for (const p of plans.filter((p) => p.action === "edit")) {
    edits.set(p.task.id, {
      to: p.task.payload.to,
      subject: `Edited ${p.task.payload.to}`,
      body: `Hand-written body for ${p.task.payload.to}.`,
    });
  }

  const latencies: number[] = [];
  const statuses = await mapLimit(order, 8, async (p) => {
    const t = Date.now();
    const res = await api.resume(p.task.id, {
      action: p.action,
      ...(p.action === "edit" ? { payload: edits.get(p.task.id) } : {}),
      ...(p.action === "reject" ? { comment: "not now" } : {}),
    });
    latencies.push(Date.now() - t);
    if (res.status !== 200) throw new Error(`resume ${p.task.id} (${p.action}) → ${res.status} ${res.text}`);
    return res.status;
  });
  const tDecided = Date.now();
  expect(statuses.every((s) => s === 200)).toBe(true);

  const done = await api.waitForRun(run.id, { until: ["completed"], timeoutMs: 120_000 });
  const tDone = Date.now();
  console.log(
    `[outreach-${N}] seed=${seed} start→${N} tasks waiting ${tWaiting - t0} ms; ${N} decisions at concurrency 8 ${tDecided - tWaiting} ms; ` +
      `last decision→completed ${tDone - tDecided} ms; total ${tDone - t0} ms`,
  );
  const sorted = [...latencies].sort((a, b) => a - b);
  const pct = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  console.log(`[outreach-${N}] resume route latency p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms, max ${sorted[sorted.length - 1]} ms`);

  const sent = plans.filter((p) => p.action !== "reject");
  const rejected = plans.filter((p) => p.action === "reject");
  const expectedSent = sent.map((p) => edits.get(p.task.id) ?? p.task.payload).map((e) => ({ to: e.to, subject: e.subject, text: e.body }));
  const byTo = <T extends { to: string }>(xs: T[]) => [...xs].sort((a, b) => a.to.localeCompare(b.to));

  expect(byTo(done.output.sent)).toEqual(byTo(expectedSent.map(({ to, subject }) => ({ to, subject }))));
  expect([...done.output.rejected].sort()).toEqual(rejected.map((p) => p.task.payload.to).sort());

  // The outbox: exactly the approved and edited drafts, once each, with the edited text.
  const outbox = await outreachOutbox(run.id);
  expect(outbox).toHaveLength(sent.length);
  expect(byTo(outbox.map(({ to, subject, text }) => ({ to, subject, text })))).toEqual(byTo(expectedSent));
  const rejectedTo = rejected.map((p) => p.task.payload.to);
  const leaked = await sql(`select "to" from mail_messages where "to" = any($1::text[]) and dedupe_key like 'email-outreach:%'`, [
    rejectedTo,
  ]);
  expect(leaked).toEqual([]);

  // No task was duplicated and each carries the decision that was sent.
  const after = await api.tasks({ runId: run.id });
  expect(after).toHaveLength(N);
  const actionOf = new Map(plans.map((p) => [p.task.id, p.action]));
  for (const t of after) {
    expect(t.status).toBe("decided");
    expect(t.decision?.action).toBe(actionOf.get(t.id));
  }
});
