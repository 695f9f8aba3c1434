import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { feedback, tasks, type Decision } from "@/db/schema";
import type { Principal } from "@/lib/access/principal";
import { queueVisibility } from "@/lib/access/visibility";
import { getAnalytics, getAnalyticsBreakdown, getDailyVolume, getEditedFields } from "@/lib/analytics";
import { newId } from "@/lib/ids";
import { addMember } from "@/lib/teams";
import { createTestTeam, TEST_ACTOR, uniqueEmail } from "../helpers";

const T0 = Date.parse("2026-03-02T09:00:00Z");
const min = 60_000;

type Seed = {
  queue: string;
  workflow: string;
  at: number;
  action?: Decision["action"] | "expired" | "pending";
  after?: number;
  by?: string;
};

/** A history with known answers: every figure below was worked out by hand from this table. */
const HISTORY: Seed[] = [
  { queue: "support", workflow: "email-outreach", at: T0, action: "approve", after: 1 * min, by: "u1" },
  { queue: "support", workflow: "email-outreach", at: T0 + 1 * min, action: "approve", after: 2 * min, by: "u1" },
  { queue: "support", workflow: "email-outreach", at: T0 + 2 * min, action: "edit", after: 3 * min, by: "u2" },
  { queue: "support", workflow: "email-outreach", at: T0 + 3 * min, action: "reject", after: 4 * min, by: "u2" },
  { queue: "finance", workflow: "refund", at: T0 + 4 * min, action: "approve", after: 10 * min, by: "u1" },
  { queue: "finance", workflow: "refund", at: T0 + 5 * min, action: "expired" },
  { queue: "finance", workflow: "refund", at: T0 + 6 * min, action: "pending" },
  { queue: "support", workflow: "triage", at: T0 + 24 * 60 * min, action: "respond", after: 5 * min, by: "u2" },
  // Outside the window used below (the day before).
  { queue: "support", workflow: "email-outreach", at: T0 - 24 * 60 * min, action: "approve", after: 1 * min, by: "u1" },
];

async function seed() {
  const team = await createTestTeam();
  const db = getDb();
  for (const s of HISTORY) {
    const id = newId("task");
    const decided = s.action && !["expired", "pending"].includes(s.action);
    const decision: Decision | null = decided
      ? { action: s.action as Decision["action"], actor: { type: "user", id: s.by! }, at: new Date(s.at + s.after!).toISOString() }
      : s.action === "expired"
        ? { action: "reject", actor: TEST_ACTOR, at: new Date(s.at + 30 * min).toISOString() }
        : null;
    await db.insert(tasks).values({
      id,
      teamId: team.team.id,
      workflow: s.workflow,
      kind: "approval",
      queue: s.queue,
      status: decided ? "decided" : s.action === "expired" ? "expired" : "pending",
      title: "t",
      payload: { subject: "a", body: "b" },
      allowed: ["approve", "edit", "reject", "respond"],
      decision,
      createdAt: new Date(s.at),
      decidedAt: decided ? new Date(s.at + s.after!) : s.action === "expired" ? new Date(s.at + 30 * min) : null,
    });
    if (s.action === "edit") {
      await db.insert(feedback).values({
        id: newId("fb"),
        teamId: team.team.id,
        taskId: id,
        workflow: s.workflow,
        original: { subject: "a", body: "b" },
        edited: { subject: "A", body: "B" },
        diff: { changes: [{ path: "body" }, { path: "subject" }], unified: "" },
      });
    }
  }
  return team;
}

describe("analytics over a seeded history", () => {
  it("gives exactly the figures of the history, windowed and filtered", async () => {
    const team = await seed();
    const window = { teamId: team.team.id, from: new Date(T0), to: new Date(T0 + 2 * 24 * 60 * min) };

    expect(await getAnalytics(window)).toEqual({
      created: 8,
      decided: 6,
      pending: 1,
      approve: 3,
      edit: 1,
      reject: 1,
      respond: 1,
      expired: 1,
      approvalRate: 3 / 6,
      editRate: 1 / 6,
      rejectRate: 1 / 6,
      // decision times 1, 2, 3, 4, 5, 10 minutes: median 3.5 min, p90 = 5 + 0.5 × (10 − 5) = 7.5 min
      decisionMs: { p50: 3.5 * min, p90: 7.5 * min },
    });

    expect(await getAnalytics({ ...window, queue: "finance" })).toMatchObject({
      created: 3,
      decided: 1,
      pending: 1,
      expired: 1,
      approvalRate: 1,
      decisionMs: { p50: 10 * min, p90: 10 * min },
    });
    expect(await getAnalytics({ ...window, workflow: "email-outreach" })).toMatchObject({ created: 4, decided: 4, approve: 2 });
    // No window: the day before counts too.
    expect(await getAnalytics({ teamId: team.team.id })).toMatchObject({ created: 9, approve: 4 });
    // Nothing decided: rates and times are null, not 0.
    expect(await getAnalytics({ ...window, workflow: "nope" })).toMatchObject({
      created: 0,
      approvalRate: null,
      editRate: null,
      rejectRate: null,
      decisionMs: { p50: null, p90: null },
    });
  });

  it("breaks the figures down per workflow, queue and reviewer, per day, and per edited field", async () => {
    const team = await seed();
    const window = { teamId: team.team.id, from: new Date(T0), to: new Date(T0 + 2 * 24 * 60 * min) };

    const byQueue = await getAnalyticsBreakdown(window, "queue");
    expect(byQueue.map((r) => [r.key, r.created, r.decided])).toEqual([
      ["support", 5, 5],
      ["finance", 3, 1],
    ]);
    const byWorkflow = await getAnalyticsBreakdown(window, "workflow");
    expect(byWorkflow.map((r) => [r.key, r.created])).toEqual([
      ["email-outreach", 4],
      ["refund", 3],
      ["triage", 1],
    ]);
    const byReviewer = await getAnalyticsBreakdown(window, "reviewer");
    expect(byReviewer.map((r) => [r.key, r.decided, r.approve, r.edit, r.reject, r.respond])).toEqual([
      ["user:u1", 3, 3, 0, 0, 0],
      ["user:u2", 3, 0, 1, 1, 1],
    ]);

    expect(await getDailyVolume(window)).toEqual([
      { day: "2026-03-02", created: 7, decided: 5 },
      { day: "2026-03-03", created: 1, decided: 1 },
    ]);
    expect(await getEditedFields(window)).toEqual([
      { path: "body", edits: 1 },
      { path: "subject", edits: 1 },
    ]);
  });

  it("never counts tasks of a queue the caller may not see", async () => {
    const team = await seed();
    await addMember({ teamId: team.team.id, email: uniqueEmail("support"), role: "reviewer", queues: ["support"], actor: TEST_ACTOR });
    const supportOnly: Principal = {
      kind: "user",
      teamId: team.team.id,
      actor: { type: "user", id: "x" },
      role: "reviewer",
      queues: ["support"],
    };
    const figures = await getAnalytics({ teamId: team.team.id, visible: (await queueVisibility(supportOnly)).tasks() });
    expect(figures).toMatchObject({ created: 6, expired: 0, pending: 0 });
    const owner: Principal = { ...supportOnly, role: "owner", queues: null };
    expect(await getAnalytics({ teamId: team.team.id, visible: (await queueVisibility(owner)).tasks() })).toMatchObject({ created: 9 });
  });
});
