import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/teams";
import { TEST_ACTOR } from "../helpers";
import { expectError, expectStatus, refundInput, type AuditEvent, type Run } from "./api";
import { newTeam, serverForFile } from "./fixtures";

/**
 * One visibility rule (lib/access/visibility): a principal limited to `support` sees nothing of
 * `finance` — not the task, not its run (input, output, wait, cancel), not its audit events, not
 * its feedback — while an unlimited key sees everything.
 */
const ctx = serverForFile();

describe("a support-only key and finance objects", () => {
  it("gets 404 for every kind of finance object and never finds one in a list", async () => {
    const team = await newTeam(ctx.server);
    const finance = await team.api.startRun("refund", refundInput(900));
    const support = await team.api.startRun("refund", refundInput(120));
    const [financeTask] = await team.api.waitingTasks(finance.id);
    const [supportTask] = await team.api.waitingTasks(support.id);
    expect([financeTask!.queue, supportTask!.queue]).toEqual(["finance", "support"]);
    // A finance edit (feedback) and a decided support task.
    await team.api.decide(financeTask!.id, { action: "edit", payload: { ...(financeTask!.payload as object), amount: 800 } });
    await team.api.waitForRun(finance.id, { until: ["completed"] });
    await team.api.decide(supportTask!.id, { action: "approve" });
    await team.api.waitForRun(support.id, { until: ["completed"] });
    const pendingFinance = await team.api.startRun("refund", refundInput(700));
    await team.api.waitingTasks(pendingFinance.id);

    const key = await createApiKey({
      teamId: team.team.id,
      name: "support-only",
      actor: TEST_ACTOR,
      scopes: ["runs", "tasks", "decide"],
      queues: ["support"],
    });
    const limited = team.api.withKey(key.apiKey);

    for (const res of [
      await limited.get(`/runs/${finance.id}`),
      await limited.get(`/runs/${finance.id}?wait=1`),
      await limited.get(`/tasks/${financeTask!.id}`),
      await limited.post(`/runs/${pendingFinance.id}/cancel`, {}),
      await limited.resume(financeTask!.id, { action: "approve" }),
    ]) {
      expectError(res, 404, "not_found");
    }
    expect((await team.api.getRun(pendingFinance.id)).body.status).toBe("waiting"); // the cancel did nothing

    const runs = await limited.all<Run>("/runs");
    expect(runs.map((r) => r.id)).toEqual([support.id]);
    const audit = await limited.all<AuditEvent>("/audit");
    expect(audit.length).toBeGreaterThan(0);
    const financeIds = new Set([finance.id, financeTask!.id, pendingFinance.id]);
    const leaked = audit.filter((e) => financeIds.has(e.subjectId) || JSON.stringify(e.data).includes("finance"));
    expect(leaked).toEqual([]);
    expect(audit.some((e) => e.subjectId === supportTask!.id)).toBe(true);
    expect(await limited.all<AuditEvent>("/audit", { subjectId: financeTask!.id })).toEqual([]);
    expect((await limited.get("/feedback")).body).toEqual({ items: [], nextCursor: null });
    const jsonl = await limited.get("/feedback?format=jsonl");
    expectStatus(jsonl, 200);
    expect(jsonl.text.trim()).toBe("");

    // The unlimited key sees all of it.
    expectStatus(await team.api.get(`/runs/${finance.id}`), 200);
    expect((await team.api.all<Run>("/runs")).map((r) => r.id)).toEqual(
      expect.arrayContaining([finance.id, support.id, pendingFinance.id]),
    );
    expect((await team.api.get<{ items: unknown[] }>("/feedback")).body.items).toHaveLength(1);
    expect((await team.api.all<AuditEvent>("/audit", { subjectId: financeTask!.id })).length).toBeGreaterThan(0);
  });
});
