import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { getDb } from "@/db/client";
import { auditEvents } from "@/db/schema";
import type { Principal } from "@/lib/access/principal";
import { resumeTask } from "@/lib/engine/resume";
import { startWorker, type WorkerHandle } from "@/lib/engine/worker";
import { approvalGate } from "@/lib/hitl";
import { createStandaloneTask } from "@/lib/tasks/create";
import { createApiKey, listApiKeys } from "@/lib/teams";
import { agentPrincipal, createTestTeam, TEST_ACTOR, type TestTeam } from "../helpers";
import { runDriver } from "../support/runs";
import { registerOneNodeWorkflow } from "../support/workflows";

// A gate that declares requesterMayDecide per run input: true, false or the default (absent).
registerOneNodeWorkflow({
  id: "test-sod-gate",
  inputSchema: z.object({ mode: z.enum(["true", "false", "default"]) }),
  node: ({ mode }) => {
    const gate = approvalGate({
      queue: "ops",
      title: "Deploy",
      payload: { version: "1" },
      ...(mode === "default" ? {} : { requesterMayDecide: mode === "true" }),
    });
    return { action: gate.action };
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
// The key that starts the driver's runs, given `decide` too.
const selfDecidingKey = (): Principal => agentPrincipal(team, { scopes: ["runs", "tasks", "decide"] });

async function decisionEvents(taskId: string) {
  const rows = await getDb().select().from(auditEvents).where(eq(auditEvents.subjectId, taskId));
  return rows.filter((e) => e.action.startsWith("task.") && e.action !== "task.created");
}

describe("separation of duties in the decision service", () => {
  it("a key never decides a task of a run it started, unless the gate says requesterMayDecide: true", async () => {
    const run = await driver.start("test-sod-gate", { mode: "default" });
    const [task] = await driver.pending(run.id);
    expect(task!.requestedBy).toEqual({ type: "api_key", id: team.apiKeyId });
    await expect(resumeTask({ principal: selfDecidingKey(), taskId: task!.id, input: { action: "approve" } })).rejects.toMatchObject({
      code: "forbidden",
      message: expect.stringMatching(/^separation of duties/),
    });
    expect(await decisionEvents(task!.id)).toEqual([]); // nothing recorded
    expect((await driver.pending(run.id)).map((t) => t.id)).toEqual([task!.id]);

    const open = await driver.start("test-sod-gate", { mode: "true" });
    const [openTask] = await driver.pending(open.id);
    expect(openTask!.requesterMayDecide).toBe(true);
    const { task: decided } = await resumeTask({ principal: selfDecidingKey(), taskId: openTask!.id, input: { action: "approve" } });
    expect(decided.decision).toMatchObject({ action: "approve", actor: { type: "api_key", id: team.apiKeyId } });
  });

  it("a user who started a run may review its drafts, unless the gate says requesterMayDecide: false", async () => {
    const startAs = async (mode: string) => {
      const { startRun } = await import("@/lib/engine/runs");
      const run = await startRun({ teamId: team.team.id, workflow: "test-sod-gate", input: { mode }, actor: owner().actor });
      await driver.settle(run.id);
      return (await driver.pending(run.id))[0]!;
    };
    const mine = await startAs("default");
    expect((await resumeTask({ principal: owner(), taskId: mine.id, input: { action: "approve" } })).task.status).toBe("decided");

    const strict = await startAs("false");
    await expect(resumeTask({ principal: owner(), taskId: strict.id, input: { action: "approve" } })).rejects.toMatchObject({
      code: "forbidden",
      message: expect.stringMatching(/^separation of duties/),
    });
    // Another decider may.
    expect((await driver.decide(strict.id, { action: "reject", comment: "not me" })).task.status).toBe("decided");
  });

  it("a standalone task's creator never decides it, unless it was created with requesterMayDecide: true", async () => {
    const creator = selfDecidingKey();
    const plain = await createStandaloneTask({ principal: creator, input: { kind: "approval", queue: "ops", title: "A", payload: {} } });
    expect(plain.requestedBy).toEqual(creator.actor);
    await expect(resumeTask({ principal: creator, taskId: plain.id, input: { action: "approve" } })).rejects.toMatchObject({
      code: "forbidden",
    });
    const chat = await createStandaloneTask({
      principal: creator,
      input: { kind: "approval", queue: "ops", title: "B", payload: {}, requesterMayDecide: true },
    });
    expect((await resumeTask({ principal: creator, taskId: chat.id, input: { action: "approve" } })).task.status).toBe("decided");
  });
});

describe("who may create which key (the dashboard's rule)", () => {
  it("only owners create keys with decide; queue-limited members only create keys limited to their queues", async () => {
    const t = await createTestTeam();
    const base = { teamId: t.team.id, actor: TEST_ACTOR, name: "k" };
    await expect(createApiKey({ ...base, scopes: ["runs", "decide"], creator: { role: "admin", queues: null } })).rejects.toMatchObject({
      code: "forbidden",
      message: expect.stringContaining("Only owners"),
    });
    const byOwner = await createApiKey({ ...base, scopes: ["decide"], queues: ["support"], creator: { role: "owner", queues: null } });
    expect(byOwner).toMatchObject({ scopes: ["decide"], queues: ["support"] });

    // An admin limited to support: a key without --queues inherits the limit; finance is refused.
    const inherited = await createApiKey({ ...base, creator: { role: "admin", queues: ["support"] } });
    expect(inherited).toMatchObject({ scopes: ["runs", "tasks"], queues: ["support"] });
    await expect(createApiKey({ ...base, queues: ["finance"], creator: { role: "admin", queues: ["support"] } })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(createApiKey({ ...base, scopes: ["bogus"] })).rejects.toThrow(/unknown scope 'bogus'/);

    // The key list shows scopes and queues.
    const listed = await listApiKeys(t.team.id);
    expect(listed.find((k) => k.id === byOwner.id)).toMatchObject({ scopes: ["decide"], queues: ["support"] });
    expect(listed.find((k) => k.id === t.apiKeyId)).toMatchObject({ scopes: ["runs", "tasks"], queues: null });
  });
});
