import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError, expectStatus, leads, sleep, type Api, type Run, type Task } from "./api";
import { newTeam, serverForFile, sql } from "./fixtures";
import { TestServer } from "./server";
import { ownerSession } from "./session";

/**
 * Resource limits: a team's daily email quota (outreach must not become an open relay) and the
 * cap on concurrent SSE streams and long-polls per API key or user.
 */
const QUOTA = 3;
const STREAMS = 2;
const ctx = serverForFile({ env: { EMAIL_DAILY_LIMIT_PER_TEAM: String(QUOTA), MAX_STREAMS_PER_CALLER: String(STREAMS) } });

const sentTo = async (teamId: string) =>
  (await sql<{ to: string }>(`select "to" from mail_messages where team_id = $1 and outbound order by "to"`, [teamId])).map((r) => r.to);

describe(`daily email quota (${QUOTA} per team)`, () => {
  it("refuses at start a run whose emails would exceed the quota: 429 saying why, nothing created", async () => {
    const team = await newTeam(ctx.server);
    const res = await team.api.post("/runs", { workflow: "email-outreach", input: { leads: leads(QUOTA + 1, "over") } });
    expectError(
      res,
      429,
      "rate_limited",
      /Daily email quota reached: this team may send 3 emails .* 0 were sent, so 4 more would exceed it/,
    );
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    const runs = await team.api.get<{ items: Run[] }>("/runs");
    expect(runs.body.items).toEqual([]);
  });

  it("sends up to the quota; a run that reaches it fails with the reason, and other teams are not affected", async () => {
    const team = await newTeam(ctx.server);
    const owner = await ownerSession(ctx.server, team);
    // The owner decides in the dashboard; the key only starts runs.
    const approveAll = async (api: Api, runId: string) => {
      for (const task of await api.waitingTasks(runId)) {
        expectStatus(await api.resume(task.id, { action: "approve" }, { key: null, headers: owner }), 200);
      }
    };
    const first = await team.api.startRun("email-outreach", { leads: leads(2, "a") });
    await approveAll(team.api, first.id);
    expect((await team.api.waitForRun(first.id, { until: ["completed"] })).status).toBe("completed");
    expect(await sentTo(team.team.id)).toHaveLength(2);

    // One email left: two runs of one lead each both start (each fits), the second send hits the quota.
    const second = await team.api.startRun("email-outreach", { leads: leads(1, "b") });
    const third = await team.api.startRun("email-outreach", { leads: leads(1, "c") });
    const [secondTask] = await team.api.waitingTasks(second.id);
    const [thirdTask] = (await team.api.waitingTasks(third.id)) as Task[];
    expectStatus(await team.api.resume(secondTask!.id, { action: "approve" }, { key: null, headers: owner }), 200);
    expect((await team.api.waitForRun(second.id, { until: ["completed"] })).status).toBe("completed");
    expectStatus(await team.api.resume(thirdTask!.id, { action: "approve" }, { key: null, headers: owner }), 200);
    const failed = await team.api.waitForRun(third.id, { until: ["failed"] });
    expect(JSON.stringify(failed.error)).toContain("Daily email quota reached");
    expect(await sentTo(team.team.id)).toEqual(["lead0.a@example.test", "lead0.b@example.test", "lead1.a@example.test"]);

    // Now the quota is used up: a new run is refused at start; another team starts as usual.
    expectError(await team.api.post("/runs", { workflow: "email-outreach", input: { leads: leads(1, "d") } }), 429, "rate_limited");
    const other = await newTeam(ctx.server);
    expectStatus(await other.api.post("/runs", { workflow: "email-outreach", input: { leads: leads(QUOTA, "e") } }), 202);
  });
});

describe(`at most ${STREAMS} open streams and long-polls per key or user`, () => {
  // No worker: runs stay queued, so `?wait` long-polls really wait. The file's first server (whose
  // worker would run them, on the same database) is stopped first.
  let idle: TestServer;
  beforeAll(async () => {
    await ctx.server.stop();
    idle = await TestServer.start({ env: { ACL_WORKER: "off", MAX_STREAMS_PER_CALLER: String(STREAMS) } });
  }, 90_000);
  afterAll(async () => {
    await idle?.stop();
  }, 30_000);

  /** Retries `request` until it answers `status` (slots are taken and freed as connections come and go). */
  async function eventually(request: () => Promise<number>, status: number) {
    const deadline = Date.now() + 60_000;
    let last = 0;
    while (Date.now() < deadline) {
      last = await request();
      if (last === status) return;
      await sleep(100);
    }
    throw new Error(`expected HTTP ${status}, last answer ${last}`);
  }

  it("long-polls: the key's third concurrent ?wait gets 429 with retry-after; another key still polls; closing one frees it", async () => {
    const team = await newTeam(idle);
    const other = await newTeam(idle);
    const run = await team.api.startRun("refund", {
      orderId: "1",
      amount: 10,
      currency: "usd",
      reason: "r",
      customerEmail: "c@example.test",
    });
    const aborts = Array.from({ length: STREAMS }, () => new AbortController());
    const polls = aborts.map((a) =>
      fetch(`${idle.url}/api/v1/runs/${run.id}?wait=30`, { headers: { authorization: `Bearer ${team.apiKey}` }, signal: a.signal }).catch(
        () => null,
      ),
    );
    // A short poll is refused once both long ones hold their slots.
    const shortPoll = () => team.api.get(`/runs/${run.id}?wait=1`);
    await eventually(async () => (await shortPoll()).status, 429);
    const refused = await shortPoll();
    expectError(refused, 429, "rate_limited", /Too many open streams: at most 2/);
    expect(refused.headers.get("retry-after")).toBe("5");
    // Plain reads are not streams; another team's key has its own slots.
    expectStatus(await team.api.get(`/runs/${run.id}`), 200);
    const otherRun = await other.api.startRun("refund", {
      orderId: "2",
      amount: 10,
      currency: "usd",
      reason: "r",
      customerEmail: "c@example.test",
    });
    expectStatus(await other.api.get(`/runs/${otherRun.id}?wait=1`), 200);
    for (const a of aborts) a.abort();
    await Promise.all(polls);
    await eventually(async () => (await shortPoll()).status, 200);
  });

  it("dashboard event streams: a user's third open stream gets 429; closing one lets a new one in", async () => {
    const team = await newTeam(idle);
    const session = await ownerSession(idle, team);
    const open = async () => {
      const abort = new AbortController();
      const res = await fetch(`${idle.url}/api/events`, { headers: { cookie: session.cookie }, signal: abort.signal });
      return { res, abort };
    };
    const streams = [await open(), await open()];
    for (const s of streams) expect(s.res.status).toBe(200);
    const third = await open();
    expect(third.res.status).toBe(429);
    expect(await third.res.json()).toMatchObject({ error: { code: "rate_limited" } });
    streams[0]!.abort.abort();
    await eventually(async () => {
      const again = await open();
      again.abort.abort();
      return again.res.status;
    }, 200);
    streams[1]!.abort.abort();
  });
});
