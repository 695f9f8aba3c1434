import { and, count, eq, inArray, like, sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, idempotencyKeys, runs, tasks } from "@/db/schema";
import type { Principal } from "@/lib/access/principal";
import { verifyAuditChain } from "@/lib/audit/chain";
import { failRun } from "@/lib/engine/advance";
import { cancelRun, startRun } from "@/lib/engine/runs";
import { claimIdempotencyKey, recordIdempotentResult, sweepIdempotencyKeys } from "@/lib/idempotency";
import { decideTask, type DecideResult } from "@/lib/tasks/decide";
import { expireOverdueTasks } from "@/lib/tasks/expire";
import { createTestTeam, deciderPrincipal, type TestTeam } from "../helpers";
import { dropRunJobs, fakeWaitingRun, runJobs } from "../support/fake-runs";

/**
 * Races, repeated: every scenario runs ROUNDS times (RACE_ROUNDS to change it), with zero
 * tolerance, and asserts exact database counts, not just the answers the callers got.
 */
const ROUNDS = Number(process.env.RACE_ROUNDS ?? 10);
const tried: Record<string, number> = {};
const tally = (name: string, n: number) => (tried[name] = (tried[name] ?? 0) + n);

let team: TestTeam;
let principal: Principal;
const created: string[] = [];

beforeAll(async () => {
  team = await createTestTeam();
  // Separation of duties: runs are started by the agent's key, decided by the reviewer tool's key.
  principal = deciderPrincipal(team);
});

afterAll(async () => {
  await dropRunJobs(created);
  console.log(`[races] ${JSON.stringify({ rounds: ROUNDS, concurrentCallsTried: tried })}`);
});

async function auditCount(subjectIds: string[], actionPrefix = "task.") {
  const [row] = await getDb()
    .select({ n: count() })
    .from(auditEvents)
    .where(
      and(eq(auditEvents.teamId, team.team.id), inArray(auditEvents.subjectId, subjectIds), like(auditEvents.action, `${actionPrefix}%`)),
    );
  return row!.n;
}

const approve = (taskId: string) => decideTask({ principal, taskId, input: { action: "approve" } });

describe("races, repeated, zero tolerance", () => {
  it("50 concurrent decisions on one task: exactly one wins, one audit event, one resume job", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { runId, taskIds } = await fakeWaitingRun(team.team.id, 1);
      created.push(runId);
      const results = await Promise.all(Array.from({ length: 50 }, () => approve(taskIds[0]!)));
      tally("decisionsOnOneTask", 50);
      expect(results.filter((r) => r.outcome === "decided")).toHaveLength(1);
      expect(results.filter((r) => r.outcome === "conflict")).toHaveLength(49);
      const [task] = await getDb().select().from(tasks).where(eq(tasks.id, taskIds[0]!));
      expect(task!.status).toBe("decided");
      expect(await auditCount(taskIds)).toBe(1);
      expect(await runJobs([runId])).toHaveLength(1);
    }
  });

  it("decisions on 20 interrupts of one run arriving together: all 20 recorded, one coalesced resume job", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { runId, taskIds } = await fakeWaitingRun(team.team.id, 20);
      created.push(runId);
      const results = await Promise.all(taskIds.map(approve));
      tally("decisionsOnManyInterrupts", 20);
      expect(results.every((r) => r.outcome === "decided")).toBe(true);
      const decided = await getDb()
        .select({ n: count() })
        .from(tasks)
        .where(and(eq(tasks.runId, runId), eq(tasks.status, "decided")));
      expect(decided[0]!.n).toBe(20);
      expect(await auditCount(taskIds)).toBe(20);
      expect(await runJobs([runId])).toHaveLength(1);
    }
  });

  /** The decision and the other change are exclusive: whichever commits first, the other sees it. */
  async function raceDecision(other: (runId: string, taskId: string) => Promise<unknown>, otherStatus: "cancelled" | "expired") {
    const outcomes = { decisionWon: 0, otherWon: 0 };
    for (let round = 0; round < ROUNDS * 2; round++) {
      const { runId, taskIds } = await fakeWaitingRun(team.team.id, 1);
      created.push(runId);
      const taskId = taskIds[0]!;
      if (otherStatus === "expired") {
        await getDb()
          .update(tasks)
          .set({ dueAt: new Date(Date.now() - 1000) })
          .where(eq(tasks.id, taskId));
      }
      const [decision] = (await Promise.all([approve(taskId), other(runId, taskId)])) as [DecideResult, unknown];
      const [task] = await getDb().select().from(tasks).where(eq(tasks.id, taskId));
      const audits = await getDb()
        .select({ action: auditEvents.action })
        .from(auditEvents)
        .where(and(eq(auditEvents.teamId, team.team.id), eq(auditEvents.subjectId, taskId)));
      if (decision.outcome === "decided") {
        outcomes.decisionWon++;
        expect(task!.status).toBe("decided");
        expect(audits.map((a) => a.action)).toEqual(["task.approved"]);
      } else {
        outcomes.otherWon++;
        expect(decision.outcome).toBe("conflict");
        expect(task!.status).toBe(otherStatus);
        expect(audits.map((a) => a.action)).toEqual(otherStatus === "expired" ? ["task.expired"] : []);
      }
    }
    return outcomes;
  }

  it("a decision racing a cancel: either the decision is kept or the task is cancelled and the decision refused", async () => {
    const o = await raceDecision((runId) => cancelRun({ teamId: team.team.id, runId, actor: principal.actor }), "cancelled");
    tally("decisionVsCancel", ROUNDS * 2);
    expect(o.decisionWon + o.otherWon).toBe(ROUNDS * 2);
  });

  it("a decision racing a run failure: never a 200 on a task the failure cancelled", async () => {
    const o = await raceDecision((runId) => failRun({ id: runId, teamId: team.team.id }, "injected failure"), "cancelled");
    tally("decisionVsFailure", ROUNDS * 2);
    expect(o.decisionWon + o.otherWon).toBe(ROUNDS * 2);
  });

  it("a decision racing expiry: decided xor expired, one audit event", async () => {
    const o = await raceDecision(() => expireOverdueTasks(getDb()), "expired");
    tally("decisionVsExpiry", ROUNDS * 2);
    expect(o.decisionWon + o.otherWon).toBe(ROUNDS * 2);
  });

  it("concurrent POST /api/v1/runs with one Idempotency-Key create exactly one run", async () => {
    const { POST } = await import("@/app/api/v1/runs/route");
    const body = JSON.stringify({
      workflow: "refund",
      input: { orderId: "o-1", amount: 5, currency: "USD", reason: "race", customerEmail: "c@example.com" },
    });
    for (let round = 0; round < ROUNDS; round++) {
      const key = `race-${round}-${Math.random().toString(36).slice(2)}`;
      const call = () =>
        POST(
          new NextRequest("http://localhost/api/v1/runs", {
            method: "POST",
            headers: { authorization: `Bearer ${team.apiKey}`, "content-type": "application/json", "idempotency-key": key },
            body,
          }),
          { params: Promise.resolve({}) },
        );
      const responses = await Promise.all(Array.from({ length: 10 }, call));
      tally("startsWithOneKey", 10);
      const statuses = responses.map((r) => r.status);
      expect(
        statuses.every((s) => s === 202 || s === 409),
        String(statuses),
      ).toBe(true);
      const ids = new Set(
        (await Promise.all(responses.filter((r) => r.status === 202).map((r) => r.json() as Promise<{ id: string }>))).map((r) => r.id),
      );
      expect(ids.size).toBe(1);
      // The retry after the dust settles replays the same run.
      const retry = await call();
      expect(retry.status).toBe(202);
      expect(retry.headers.get("idempotent-replayed")).toBe("true");
      const runId = ((await retry.json()) as { id: string }).id;
      expect(ids.has(runId)).toBe(true);
      created.push(runId);
      const [key_] = await getDb()
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.teamId, team.team.id), eq(idempotencyKeys.key, key)));
      expect(key_!.statusCode).toBe(202);
      const [n] = await getDb()
        .select({ n: count() })
        .from(runs)
        .where(and(eq(runs.teamId, team.team.id), eq(runs.id, runId)));
      expect(n!.n).toBe(1);
    }
    const [total] = await getDb()
      .select({ n: count() })
      .from(runs)
      .where(and(eq(runs.teamId, team.team.id), sql`${runs.input}->>'orderId' = 'o-1'`));
    expect(total!.n).toBe(ROUNDS);
  });
});

describe("idempotency keys, exactly", () => {
  const slot = () => ({ teamId: team.team.id, route: "POST /api/v1/runs", key: `k-${Math.random().toString(36).slice(2)}` });
  const refund = { workflow: "refund", input: { orderId: "o-2", amount: 1, currency: "USD", reason: "x", customerEmail: "c@example.com" } };

  it("the key commits with the run: a failure recording it rolls the run back, and a failure creating the run leaves no recorded key", async () => {
    const s = slot();
    const claim = await claimIdempotencyKey(getDb(), { ...s, requestHash: "h" });
    expect(claim.kind).toBe("new");
    const before = (await getDb().select({ n: count() }).from(runs).where(eq(runs.teamId, team.team.id)))[0]!.n;
    await expect(
      startRun({
        teamId: team.team.id,
        ...refund,
        actor: { type: "api_key", id: team.apiKeyId },
        inTransaction: async () => {
          throw new Error("injected: recording the key failed");
        },
      }),
    ).rejects.toThrow(/injected/);
    const after = (await getDb().select({ n: count() }).from(runs).where(eq(runs.teamId, team.team.id)))[0]!.n;
    expect(after).toBe(before);
  });

  it("a claim left in progress by a dead request is reclaimed after the timeout; the dead request can no longer record", async () => {
    const s = slot();
    const first = await claimIdempotencyKey(getDb(), { ...s, requestHash: "h" });
    await expect(claimIdempotencyKey(getDb(), { ...s, requestHash: "h" })).rejects.toMatchObject({ code: "conflict" });
    await expect(claimIdempotencyKey(getDb(), { ...s, requestHash: "other" })).rejects.toMatchObject({ code: "conflict" });
    const second = await claimIdempotencyKey(getDb(), { ...s, requestHash: "h", staleAfterSeconds: 0 });
    expect(second.kind).toBe("new");
    const token = (c: typeof first) => (c.kind === "new" ? c.token : "");
    const run = await startRun({
      teamId: team.team.id,
      ...refund,
      actor: { type: "api_key", id: team.apiKeyId },
      inTransaction: (tx, r) => recordIdempotentResult(tx, { ...s, token: token(second), status: 202, body: r }),
    });
    created.push(run.id);
    // The first request wakes up and tries to finish: its run is rolled back.
    const late = await startRun({
      teamId: team.team.id,
      ...refund,
      actor: { type: "api_key", id: team.apiKeyId },
      inTransaction: (tx, r) => recordIdempotentResult(tx, { ...s, token: token(first), status: 202, body: r }),
    }).catch((e: unknown) => e);
    expect(late).toMatchObject({ code: "conflict" });
    expect(await claimIdempotencyKey(getDb(), { ...s, requestHash: "h" })).toMatchObject({
      kind: "replay",
      status: 202,
      body: { id: run.id },
    });
  });

  it("keys expire after 24 hours: reusable, and swept", async () => {
    const s = slot();
    await claimIdempotencyKey(getDb(), { ...s, requestHash: "h" });
    await getDb().transaction(async (tx) => {
      const [row] = await tx.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, s.key));
      await recordIdempotentResult(tx, { ...s, token: row!.claimToken!, status: 202, body: { id: "old" } });
    });
    await getDb()
      .update(idempotencyKeys)
      .set({ createdAt: new Date(Date.now() - 25 * 3600_000) })
      .where(eq(idempotencyKeys.key, s.key));
    expect(await claimIdempotencyKey(getDb(), { ...s, requestHash: "different body, new day" })).toMatchObject({ kind: "new" });

    const old = slot();
    await claimIdempotencyKey(getDb(), { ...old, requestHash: "h" });
    await getDb()
      .update(idempotencyKeys)
      .set({ createdAt: new Date(Date.now() - 25 * 3600_000) })
      .where(eq(idempotencyKeys.key, old.key));
    expect(await sweepIdempotencyKeys(getDb())).toBeGreaterThanOrEqual(1);
    expect(await getDb().select().from(idempotencyKeys).where(eq(idempotencyKeys.key, old.key))).toEqual([]);
    expect(await getDb().select().from(idempotencyKeys).where(eq(idempotencyKeys.key, s.key))).toHaveLength(1);
  });

  it("the audit chain of the team survived every race above", async () => {
    expect(await verifyAuditChain({ teamId: team.team.id })).toMatchObject({ ok: true });
  });
});
