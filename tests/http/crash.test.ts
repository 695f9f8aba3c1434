import { expect, it } from "vitest";
import { leads, mapLimit, refundInput, shuffle, sleep, type Api, type ResumeInput, type Run, type Task } from "./api";
import { holdRunLocks, newTeam, outreachOutbox, pendingJobs, refundRows, sql, serverForFile } from "./fixtures";

/**
 * Crash safety: the server process (web + embedded worker) is SIGKILLed and started again on
 * the same database. Postgres is the only state, so nothing is lost or done twice. A job the
 * dead worker had locked is released once its heartbeat is 15 s stale: recovery may take ~30 s.
 */
const ctx = serverForFile();
const RECOVERY_MS = 120_000;

/**
 * SIGKILLs the server and starts it again. `held` (see holdRunLocks) are released between the
 * kill and the restart. Returns the jobs the dead process left unfinished.
 */
async function crash(label: string, held?: { release: () => Promise<void> }) {
  const t = Date.now();
  await ctx.server.kill();
  let jobs: Awaited<ReturnType<typeof pendingJobs>>;
  try {
    // The database as the dead process left it.
    jobs = await pendingJobs();
    const advance = jobs.filter((j) => j.task === "run:advance");
    console.log(
      `[crash:${label}] SIGKILL left ${jobs.filter((j) => j.locked).length} job(s) locked and ${advance.length} run:advance job(s) unfinished`,
    );
  } finally {
    await held?.release();
    await ctx.server.restart();
  }
  console.log(`[crash:${label}] restarted and healthy ${Date.now() - t} ms after the SIGKILL`);
  return { advanceRunIds: new Set(jobs.filter((j) => j.task === "run:advance").map((j) => j.key?.replace(/^run:/, ""))) };
}

async function decideAll(api: Api, decisions: Array<{ taskId: string; input: ResumeInput }>) {
  await mapLimit(decisions, 8, async (d) => {
    const res = await api.resume(d.taskId, d.input);
    if (res.status !== 200) throw new Error(`resume ${d.taskId} → ${res.status} ${res.text}`);
  });
}

async function waitAll(api: Api, runIds: string[], label: string): Promise<Run[]> {
  const t = Date.now();
  const runs = await Promise.all(runIds.map((id) => api.waitForRun(id, { until: ["completed"], timeoutMs: RECOVERY_MS })));
  console.log(`[crash:${label}] ${runIds.length} run(s) completed ${Date.now() - t} ms after the restart`);
  return runs;
}

/**
 * Runs `body` while a test-only trigger enqueues the start job (`run:advance`, key `run:<id>`) of
 * the run whose input has this `orderId` an hour late, so no worker can pick it up; `body` takes
 * what it needs (e.g. the run's lock) in that window. The trigger is dropped afterwards and the
 * delayed job made due at once. Fails unless exactly one job was delayed.
 */
async function delayStartJob<T extends { started: Run[] }>(orderId: string, body: () => Promise<T>): Promise<T> {
  if (!/^[a-z0-9-]+$/.test(orderId)) throw new Error(`unexpected order id ${orderId}`);
  await sql(`create function crash_test_delay_start() returns trigger language plpgsql as $fn$
    begin
      if exists (select 1 from runs where 'run:' || runs.id = new.key and runs.input->>'orderId' = '${orderId}') then
        new.run_at := now() + interval '1 hour';
      end if;
      return new;
    end $fn$`);
  let result: T;
  try {
    await sql(`create trigger crash_test_delay_start before insert on graphile_worker._private_jobs
                 for each row execute function crash_test_delay_start()`);
    result = await body();
  } finally {
    await sql(`drop trigger if exists crash_test_delay_start on graphile_worker._private_jobs`);
    await sql(`drop function crash_test_delay_start()`);
  }
  const delayed = await sql<{ key: string }>(
    `update graphile_worker._private_jobs set run_at = now() where key like 'run:%' and run_at > now() + interval '30 minutes' returning key`,
  );
  expect(delayed.map((j) => j.key)).toEqual([`run:${result.started[0]!.id}`]);
  return result;
}

it("SIGKILL while runs wait: after a restart every task is still there, decisions resume every run", async () => {
  const { api } = await newTeam(ctx.server);
  const started = {
    support: await api.startRun("refund", refundInput(100)),
    finance: await api.startRun("refund", refundInput(900)),
    triage: await api.startRun("support-triage", { ticket: { subject: "Hi", body: "Please look at my thing." } }),
    content: await api.startRun("content-draft", { topic: "Crash safety" }),
    outreach: await api.startRun("email-outreach", { leads: leads(10, "crash-a") }),
  };
  const before = new Map<string, Task[]>();
  for (const run of Object.values(started)) before.set(run.id, await api.waitingTasks(run.id));

  await crash("waiting");

  for (const run of Object.values(started)) {
    const now = (await api.getRun(run.id)).body;
    expect(now.status).toBe("waiting");
    expect([...now.pendingTaskIds].sort()).toEqual(
      before
        .get(run.id)!
        .map((t) => t.id)
        .sort(),
    );
  }
  const task = (run: Run) => before.get(run.id)![0]!;
  const outreachTasks = before.get(started.outreach.id)!;
  await decideAll(api, [
    { taskId: task(started.support).id, input: { action: "edit", payload: { ...task(started.support).payload, amount: 60 } } },
    { taskId: task(started.finance).id, input: { action: "approve" } },
    { taskId: task(started.triage).id, input: { action: "respond", response: "About an invoice." } },
    { taskId: task(started.content).id, input: { action: "approve" } },
    ...outreachTasks.map((t, i) => ({ taskId: t.id, input: { action: i % 2 ? "reject" : "approve" } })),
  ]);
  const [support, finance, triage, content, outreach] = await waitAll(
    api,
    Object.values(started).map((r) => r.id),
    "waiting",
  );

  expect(support!.output).toEqual({ refunded: true, amount: 60 });
  expect(finance!.output).toEqual({ refunded: true, amount: 900 });
  expect(triage!.output).toMatchObject({ answeredBy: "human", humanAnswer: "About an invoice." });
  expect(content!.output).toMatchObject({ edited: false, final: task(started.content).payload.markdown });
  expect(outreach!.output.sent).toHaveLength(5);
  expect(outreach!.output.rejected).toHaveLength(5);
  for (const run of Object.values(started)) {
    expect(await api.tasks({ runId: run.id })).toHaveLength(before.get(run.id)!.length);
  }
  expect(await refundRows(started.support.id)).toHaveLength(1);
  expect(await refundRows(started.finance.id)).toHaveLength(1);
  expect(await outreachOutbox(started.outreach.id)).toHaveLength(5);
});

it("SIGKILL right after POST /runs answered 202: the runs still start, once, with their output", async () => {
  const { api } = await newTeam(ctx.server);
  const outreach = await api.startRun("email-outreach", { leads: leads(50, "crash-start") });
  // The manual refund's start must still be to do at the kill. Its run id is unknown until POST
  // /runs answers, and the embedded worker may pick the job up at once: so, for the POST only, a
  // test trigger enqueues that one run's start job (found by its order id) an hour late. Then the
  // test holds the run's lock (holdRunLocks) and makes the job due: a worker that picks it up
  // finds the lock taken and leaves it for later (lib/engine/advance.ts).
  const manualInput = refundInput(100);
  const held = await delayStartJob(manualInput.orderId, async () => {
    // Auto-approved refunds finish in a few steps: some are caught between two checkpoints.
    const started = await Promise.all([
      api.startRun("refund", manualInput),
      ...Array.from({ length: 10 }, (_, i) => api.startRun("refund", refundInput(10 + i))),
    ]);
    const lock = await holdRunLocks([started[0].id]);
    return { started, lock };
  });
  const [manual, ...autos] = held.started;
  const [before] = await sql<{ status: string }>(`select status from runs where id = $1`, [manual!.id]);
  expect(before!.status, "the manual refund had not started before its lock was held").toBe("queued");
  const left = await crash("starting", held.lock);
  expect(left.advanceRunIds.has(manual!.id), "the manual refund's start job was unfinished at the SIGKILL").toBe(true);

  const tasks = await api.waitingTasks(outreach.id);
  expect(tasks).toHaveLength(50);
  expect(new Set(tasks.map((t) => t.payload.to)).size).toBe(50);
  for (const [i, auto] of autos.entries()) {
    const done = await api.waitForRun(auto.id, { timeoutMs: RECOVERY_MS });
    expect(done.status, JSON.stringify(done)).toBe("completed");
    expect(done.output, `run ${auto.id}`).toEqual({ refunded: true, amount: 10 + i });
    expect(await refundRows(auto.id)).toHaveLength(1);
  }
  expect(await api.waitingTasks(manual.id)).toHaveLength(1);

  await decideAll(
    api,
    tasks.map((t) => ({ taskId: t.id, input: { action: "approve" } })),
  );
  const done = await api.waitForRun(outreach.id, { until: ["completed"], timeoutMs: RECOVERY_MS });
  expect(done.output.sent).toHaveLength(50);
  expect(await outreachOutbox(outreach.id)).toHaveLength(50);
  expect(await api.tasks({ runId: outreach.id })).toHaveLength(50);
});

it(
  "SIGKILL right after resumes returned 200 (jobs mid-flight), twice: nothing lost, nothing doubled",
  { timeout: 600_000 } /* two restarts on a loaded machine */,
  async () => {
    const N = 200;
    const { api } = await newTeam(ctx.server);
    const seed = Number(process.env.HTTP_TEST_SEED ?? Date.now() % 1_000_000);
    const outreach = await api.startRun("email-outreach", { leads: leads(N, "crash-b") });
    const refundA = await api.startRun("refund", refundInput(120));
    const refundB = await api.startRun("refund", refundInput(140));
    const refunds: Array<{ run: Run; amount: number }> = [];
    for (let i = 0; i < 10; i++) refunds.push({ run: await api.startRun("refund", refundInput(200 + i)), amount: 200 + i });
    const tasks = await api.waitingTasks(outreach.id);
    expect(tasks).toHaveLength(N);
    const [taskA] = await api.waitingTasks(refundA.id);
    const [taskB] = await api.waitingTasks(refundB.id);
    const refundTasks = await Promise.all(refunds.map(async (r) => (await api.waitingTasks(r.run.id))[0]!));

    const plan = new Map<string, ResumeInput>();
    shuffle(tasks, seed).forEach((t, i) => {
      const kind = i % 5;
      plan.set(
        t.id,
        kind === 3
          ? { action: "edit", payload: { to: t.payload.to, subject: `Crash-edited ${i}`, body: `Edited body ${i}` } }
          : kind === 4
            ? { action: "reject", comment: "no" }
            : { action: "approve" },
      );
    });
    const order = shuffle([...plan.keys()], seed + 1);
    const half = order.slice(0, N / 2);
    const rest = order.slice(N / 2);

    const t0 = Date.now();
    // refundA's resume is certainly in flight at the first kill: the test holds its run lock.
    const heldA = await holdRunLocks([refundA.id]);
    await decideAll(api, [
      ...half.map((id) => ({ taskId: id, input: plan.get(id)! })),
      { taskId: taskA!.id, input: { action: "approve" } },
    ]);
    const left1 = await crash("resume-1", heldA);
    expect(left1.advanceRunIds.has(refundA.id), "refundA's resume was unfinished at the first SIGKILL").toBe(true);
    // Every decision that got a 200 survived the crash.
    const afterFirst = new Map((await api.tasks({ runId: outreach.id })).map((t) => [t.id, t]));
    expect(afterFirst.size).toBe(N);
    for (const id of half) {
      expect(afterFirst.get(id)!.status).toBe("decided");
      expect(afterFirst.get(id)!.decision?.action).toBe(plan.get(id)!.action);
    }

    // The ten refunds approved last are held by the test: their resumes are in flight at the kill,
    // whatever the machine's speed (the outreach decisions race the kill as they come).
    const held = await holdRunLocks(refunds.map((r) => r.run.id));
    await decideAll(api, [
      ...rest.map((id) => ({ taskId: id, input: plan.get(id)! })),
      { taskId: taskB!.id, input: { action: "reject" } },
      ...refundTasks.map((t) => ({ taskId: t.id, input: { action: "approve" } })),
    ]);
    const tKill = Date.now();
    const [state] = await sql<{ status: string }>(`select status from runs where id = $1`, [outreach.id]);
    const atKill = await sql<{ status: string }>(`select status from runs where id = any($1::text[])`, [refunds.map((r) => r.run.id)]);
    const left2 = await crash("resume-2", held);
    expect(atKill.map((r) => r.status).filter((s) => s === "completed")).toEqual([]);
    for (const r of refunds) expect(left2.advanceRunIds.has(r.run.id), `run ${r.run.id}: resume unfinished at the SIGKILL`).toBe(true);
    const [done, doneA, doneB, ...doneRefunds] = await waitAll(
      api,
      [outreach.id, refundA.id, refundB.id, ...refunds.map((r) => r.run.id)],
      "resume-2",
    );
    console.log(
      `[crash:resume] ${N} decisions with two SIGKILLs: run state at the 2nd kill '${state!.status}', ` +
        `last decision→completed ${Date.now() - tKill} ms, total ${Date.now() - t0} ms`,
    );

    // No task duplicated, no decision lost.
    const final = await api.tasks({ runId: outreach.id });
    expect(final).toHaveLength(N);
    for (const t of final) {
      expect(t.status).toBe("decided");
      expect(t.decision?.action).toBe(plan.get(t.id)!.action);
    }
    // The output and the outbox match the decisions: each sent draft exactly once.
    const expected = tasks
      .filter((t) => plan.get(t.id)!.action !== "reject")
      .map((t) => {
        const p = plan.get(t.id)!;
        const email = (p.action === "edit" ? p.payload : t.payload) as { to: string; subject: string; body: string };
        return { to: email.to, subject: email.subject, text: email.body };
      })
      .sort((a, b) => a.to.localeCompare(b.to));
    expect([...done!.output.sent].sort((a, b) => a.to.localeCompare(b.to))).toEqual(expected.map(({ to, subject }) => ({ to, subject })));
    expect(done!.output.rejected).toHaveLength(N - expected.length);
    const outbox = await outreachOutbox(outreach.id);
    expect(outbox.map(({ to, subject, text }) => ({ to, subject, text })).sort((a, b) => a.to.localeCompare(b.to))).toEqual(expected);

    expect(doneA!.output).toEqual({ refunded: true, amount: 120 });
    expect(doneB!.output).toMatchObject({ refunded: false });
    expect(await refundRows(refundA.id)).toHaveLength(1);
    expect(await refundRows(refundB.id)).toHaveLength(0);
    for (const [i, r] of refunds.entries()) {
      expect(doneRefunds[i]!.output, `run ${r.run.id}`).toEqual({ refunded: true, amount: r.amount });
      expect((await refundRows(r.run.id)).map((x) => x.amount)).toEqual([r.amount]);
    }

    // The outbox's delivery jobs survived the crashes too: every message ends up sent.
    const deadline = Date.now() + 60_000;
    let unsent = -1;
    while (Date.now() < deadline) {
      const [row] = await sql<{ n: number }>(`select count(*)::int as n from mail_messages where dedupe_key like $1 and status <> 'sent'`, [
        `email-outreach:${outreach.id}:%`,
      ]);
      unsent = row!.n;
      if (unsent === 0) break;
      await sleep(500);
    }
    expect(unsent).toBe(0);
  },
);
