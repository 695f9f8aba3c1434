import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import { and, asc, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { getDb } from "@/db/client";
import { auditEvents, mailMessages, runs, tasks, type Decision } from "@/db/schema";
import type { Principal } from "@/lib/access/principal";
import { startWorker, type WorkerHandle } from "@/lib/engine/worker";
import { approvalGate } from "@/lib/hitl";
import { newId } from "@/lib/ids";
import {
  createPolicy,
  createPolicyFromSuggestion,
  listPolicies,
  revertPolicy,
  SUGGESTION_MIN_CASES,
  suggestPolicies,
} from "@/lib/policies";
import { addMember } from "@/lib/teams";
import { registerWorkflow } from "@/lib/workflows";
import { defineWorkflow } from "@/lib/workflows/types";
import { createTestTeam, TEST_ACTOR, uniqueEmail, type TestTeam } from "../helpers";
import { runDriver } from "../support/runs";
import { registerOneNodeWorkflow } from "../support/workflows";

// The example as a declared policy (the built-in refund already refunds ≤ 50 without a
// gate, so it is shown here): small invoices are approved by the policy, a blocked vendor is
// rejected whatever the amount (deny overrides), everything else waits for a person.
const Input = z.object({ amount: z.number(), vendor: z.string(), quorum: z.number().optional(), strict: z.boolean().optional() });
registerOneNodeWorkflow({
  id: "test-policy-invoice",
  name: "Invoice (policy test)",
  inputSchema: Input,
  policies: [
    { id: "small", when: { "<=": [{ var: "amount" }, 50] }, decide: "approve" },
    { id: "blocked-vendor", when: { "==": [{ var: "vendor" }, "ACME Blocked"] }, decide: "reject", comment: "Vendor is blocked." },
  ],
  nodeName: "pay",
  node: (input) => {
    const gate = approvalGate({
      queue: "payables",
      title: "Pay invoice",
      payload: { amount: input.amount, vendor: input.vendor },
      quorum: input.quorum,
      requesterMayDecide: input.strict ? false : undefined,
    });
    const by = gate.decision.actor.id;
    return gate.action === "reject" ? { paid: null, by, reason: gate.reason } : { paid: gate.payload.amount, by };
  },
});

// No declared policy: team policies (from a suggestion) only.
const DeployInput = z.object({ replicas: z.number() });
registerOneNodeWorkflow({
  id: "test-policy-deploy",
  name: "Deploy (policy test)",
  inputSchema: DeployInput,
  nodeName: "deploy",
  node: (input) => {
    const gate = approvalGate({ queue: "ops", title: "Scale service", payload: { replicas: input.replicas, service: "api" } });
    return { action: gate.action, by: gate.decision.actor.id };
  },
});

let team: TestTeam;
let worker: WorkerHandle;
const driver = runDriver(() => team);
beforeAll(async () => {
  team = await createTestTeam();
  worker = await startWorker({ concurrency: 2 });
});
afterAll(async () => {
  await worker?.stop();
});

const owner = (): Principal => ({
  kind: "user",
  teamId: team.team.id,
  actor: { type: "user", id: team.owner.id },
  role: "owner",
  queues: null,
});
const runTasks = (runId: string) => getDb().select().from(tasks).where(eq(tasks.runId, runId)).orderBy(asc(tasks.id));
const auditOf = (subjectId: string) =>
  getDb()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.teamId, team.team.id), eq(auditEvents.subjectId, subjectId)))
    .orderBy(asc(auditEvents.id));
const done = (runId: string) => driver.settle(runId, ["completed", "failed", "cancelled"]);
const notices = (taskId: string) =>
  getDb()
    .select()
    .from(mailMessages)
    .where(like(mailMessages.dedupeKey, `notify:${taskId}:%`));

describe("a policy declared in the workflow", () => {
  it("is checked when the workflow is registered: a wrong one is refused, naming it", () => {
    const bad = defineWorkflow({
      id: "test-policy-bad",
      name: "bad",
      description: "test",
      inputSchema: Input,
      policies: [{ id: "sum", when: { "+": [{ var: "amount" }, 1] }, decide: "approve" }],
      compile: () => {
        throw new Error("never compiled");
      },
    });
    expect(() => registerWorkflow(bad)).toThrow(
      /'test-policy-bad' declares an invalid policy \(policies\[0\]\.when\): .*unknown operator '\+'/,
    );
  });

  it("approves a matching gate: no task for a person, the run completes with the policy's decision, audited", async () => {
    const started = await driver.start("test-policy-invoice", { amount: 40, vendor: "Paper Co" });
    const run = await done(started.id);
    expect(run.status).toBe("completed");
    expect(run.output).toEqual({ paid: 40, by: "policy:test-policy-invoice.small" });

    const [task, ...others] = await runTasks(run.id);
    expect(others).toHaveLength(0);
    expect(task).toMatchObject({ status: "decided", queue: "payables", title: "Pay invoice" });
    expect(task!.decision).toMatchObject({ action: "approve", actor: { type: "system", id: "policy:test-policy-invoice.small" } });
    expect(task!.appliedAt).not.toBeNull();
    expect(await driver.pending(run.id)).toHaveLength(0);
    expect(await notices(task!.id)).toHaveLength(0); // nobody was told to look at it

    const events = await auditOf(task!.id);
    const auto = events.find((e) => e.action === "task.auto_decided");
    expect(auto).toMatchObject({
      actorType: "system",
      actorId: "policy:test-policy-invoice.small",
      data: {
        runId: run.id,
        queue: "payables",
        policyId: "test-policy-invoice.small",
        policySource: "workflow",
        rule: { "<=": [{ var: "amount" }, 50] },
        action: "approve",
        payloadHash: createHash("sha256")
          .update(canonicalize({ amount: 40, vendor: "Paper Co" })!)
          .digest("hex"),
      },
    });
  });

  it("lets a person decide what no policy matches (and is told about it)", async () => {
    const run = await driver.start("test-policy-invoice", { amount: 60, vendor: "Paper Co" });
    expect(run.status).toBe("waiting");
    const [task] = await driver.pending(run.id);
    expect(task).toMatchObject({ status: "pending", title: "Pay invoice" });
    expect(await notices(task!.id)).not.toHaveLength(0);
    await driver.decide(task!.id, { action: "approve" });
    expect((await done(run.id)).output).toEqual({ paid: 60, by: team.deciderKeyId });
  });

  it("a matching reject outweighs a matching approve (deny overrides), with the policy's reason", async () => {
    const run = await done((await driver.start("test-policy-invoice", { amount: 10, vendor: "ACME Blocked" })).id);
    expect(run.output).toEqual({ paid: null, by: "policy:test-policy-invoice.blocked-vendor", reason: "Vendor is blocked." });
  });

  it.each([
    ["a quorum gate", { quorum: 2 }],
    ["a gate that insists on a second person (requesterMayDecide: false)", { strict: true }],
  ])("never decides %s", async (_name, extra) => {
    const run = await driver.start("test-policy-invoice", { amount: 5, vendor: "Paper Co", ...extra });
    expect(run.status).toBe("waiting");
    expect(await driver.pending(run.id)).toHaveLength(1);
  });
});

/** 200 decided tasks of the deploy gate: 199 approved unchanged, 1 edited; replicas 1..4. */
async function seedHistory() {
  const db = getDb();
  const runId = newId("run");
  await db.insert(runs).values({ id: runId, teamId: team.team.id, workflow: "test-policy-deploy", status: "completed", input: {} });
  const t0 = Date.now() - 3_600_000;
  const rows = Array.from({ length: SUGGESTION_MIN_CASES }, (_, i) => {
    const action: Decision["action"] = i === 7 ? "edit" : "approve";
    const at = new Date(t0 + i * 1000);
    return {
      id: newId("task"),
      teamId: team.team.id,
      runId,
      interruptId: `seed-${i}`,
      workflow: "test-policy-deploy",
      kind: "approval" as const,
      queue: "ops",
      status: "decided" as const,
      title: "Scale service",
      payload: { replicas: (i % 4) + 1, service: "api" },
      allowed: ["approve", "edit", "reject"] as Array<"approve" | "edit" | "reject">,
      decision: { action, actor: { type: "user" as const, id: team.owner.id }, at: at.toISOString() },
      createdAt: new Date(at.getTime() - 60_000),
      decidedAt: at,
      appliedAt: at,
    };
  });
  await db.insert(tasks).values(rows);
}

describe("team policies from the analytics page's suggestions", () => {
  it("suggests a policy from 200 unchanged approvals, creates it in one click, applies it, and reverts it", async () => {
    expect(await suggestPolicies({ principal: owner() })).toEqual([]);
    await seedHistory();

    const [suggestion, ...more] = await suggestPolicies({ principal: owner() });
    expect(more).toHaveLength(0);
    expect(suggestion).toMatchObject({
      workflow: "test-policy-deploy",
      queue: "ops",
      title: "Scale service",
      cases: 200,
      approved: 199,
      // Bounded by what people approved: replicas between 1 and 4.
      rule: { "<=": [1, { var: "replicas" }, 4] },
      summary: "1 ≤ replicas ≤ 4",
    });

    // Only owners and admins make policies: a reviewer and an API key are refused.
    const reviewer = await addMember({ teamId: team.team.id, email: uniqueEmail("rev"), role: "reviewer", actor: TEST_ACTOR });
    const asReviewer: Principal = {
      kind: "user",
      teamId: team.team.id,
      actor: { type: "user", id: reviewer.user.id },
      role: "reviewer",
      queues: null,
    };
    const key = { workflow: "test-policy-deploy", queue: "ops", title: "Scale service" };
    await expect(createPolicyFromSuggestion({ principal: asReviewer, key })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createPolicyFromSuggestion({ principal: driver.principal(), key })).rejects.toMatchObject({ code: "forbidden" });
    await expect(revertPolicy({ principal: asReviewer, policyId: "pol_nope" })).rejects.toMatchObject({ code: "forbidden" });

    const policy = await createPolicyFromSuggestion({ principal: owner(), key });
    expect(policy).toMatchObject({
      source: "suggestion",
      action: "approve",
      queue: "ops",
      title: "Scale service",
      rule: suggestion!.rule,
      evidence: { cases: 200, approved: 199 },
      createdBy: { type: "user", id: team.owner.id },
      revokedAt: null,
    });
    expect((await auditOf(policy.id)).map((e) => e.action)).toEqual(["policy.created"]);
    // A gate with a policy in force is no longer suggested; the list shows it with who made it.
    expect(await suggestPolicies({ principal: owner() })).toEqual([]);
    expect((await listPolicies({ principal: asReviewer })).find((p) => p.id === policy.id)).toMatchObject({ summary: "1 ≤ replicas ≤ 4" });

    // In force: a run within the bounds completes without a person…
    const auto = await done((await driver.start("test-policy-deploy", { replicas: 3 })).id);
    expect(auto.output).toEqual({ action: "approve", by: `policy:${policy.id}` });
    const [autoTask] = await runTasks(auto.id);
    expect((await auditOf(autoTask!.id)).find((e) => e.action === "task.auto_decided")).toMatchObject({
      data: { policyId: policy.id, policySource: "team" },
    });
    // …one beyond what people approved still waits for one.
    const beyond = await driver.start("test-policy-deploy", { replicas: 9 });
    expect(await driver.pending(beyond.id)).toHaveLength(1);

    // Reverted: audited, and the next run waits for a person again.
    const reverted = await revertPolicy({ principal: owner(), policyId: policy.id });
    expect(reverted.revokedAt).not.toBeNull();
    expect(reverted.revokedBy).toEqual({ type: "user", id: team.owner.id });
    expect((await auditOf(policy.id)).map((e) => e.action)).toEqual(["policy.created", "policy.reverted"]);
    await expect(revertPolicy({ principal: owner(), policyId: policy.id })).rejects.toMatchObject({ code: "conflict" });
    const after = await driver.start("test-policy-deploy", { replicas: 3 });
    expect(after.status).toBe("waiting");
    const [waiting] = await driver.pending(after.id);
    expect(waiting).toMatchObject({ status: "pending", title: "Scale service" });

    // The policy's own decision does not count as evidence: the gate is suggested again from people's decisions only.
    const [again] = await suggestPolicies({ principal: owner() });
    expect(again).toMatchObject({ cases: 200, approved: 199 });
  });

  it("validates a manual policy's rule and target, naming what is wrong", async () => {
    const base = { workflow: "test-policy-deploy", queue: "ops", action: "approve" as const };
    await expect(createPolicy({ principal: owner(), input: { ...base, rule: { "+": [1, 2] } } })).rejects.toThrow(/unknown operator '\+'/);
    await expect(createPolicy({ principal: owner(), input: { ...base, rule: { var: "__proto__" } } })).rejects.toThrow(/not a field/);
    await expect(createPolicy({ principal: owner(), input: { ...base, workflow: "nope", rule: true } })).rejects.toMatchObject({
      code: "unprocessable",
    });
    // An admin limited to some queues may not make a policy for every queue.
    const admin = await addMember({ teamId: team.team.id, email: uniqueEmail("adm"), role: "admin", queues: ["ops"], actor: TEST_ACTOR });
    const asAdmin: Principal = {
      kind: "user",
      teamId: team.team.id,
      actor: { type: "user", id: admin.user.id },
      role: "admin",
      queues: ["ops"],
    };
    await expect(
      createPolicy({ principal: asAdmin, input: { workflow: "test-policy-deploy", action: "approve", rule: true } }),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
    const manual = await createPolicy({
      principal: asAdmin,
      input: { ...base, rule: { "==": [{ var: "service" }, "api"] }, action: "reject" },
    });
    expect(manual).toMatchObject({ source: "manual", summary: 'service = "api"' });
    await revertPolicy({ principal: asAdmin, policyId: manual.id });
  });
});
