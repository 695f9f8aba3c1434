import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/teams";
import { TEST_ACTOR } from "../helpers";
import { refundInput, type Task } from "./api";
import { newTeam, refundRows, serverForFile } from "./fixtures";

/** shared/API.md v1.1 "Quorum on the refund workflow", over HTTP against the production build. */
const ctx = serverForFile();

async function teamWithDeciders() {
  const team = await newTeam(ctx.server);
  // Two more keys with `decide`: the deciders (the team's first key starts the runs and may not decide them).
  const keys = await Promise.all(
    ["first approver", "second approver"].map((name) =>
      createApiKey({ teamId: team.team.id, name, actor: TEST_ACTOR, scopes: ["runs", "tasks", "decide"] }),
    ),
  );
  return { api: team.api, first: team.api.withKey(keys[0]!.apiKey), second: team.api.withKey(keys[1]!.apiKey) };
}

describe("refund above 10,000: two distinct approvals in finance", () => {
  it("waits after the first approval, refuses the same approver again, completes with the second", async () => {
    const { api, first, second } = await teamWithDeciders();
    const run = await api.startRun("refund", refundInput(15_000));
    const [task] = await api.waitingTasks(run.id);
    expect(task).toMatchObject({ queue: "finance", quorum: 2, approvals: [] });

    const one = await first.resume(task!.id, { action: "approve" });
    expect(one.status).toBe(200);
    expect(one.body.task).toMatchObject({ status: "pending", approvals: [{ actor: { type: "api_key" } }] });
    expect((await api.getRun(run.id)).body).toMatchObject({ status: "waiting", pendingTaskIds: [task!.id] });

    const again = await first.resume(task!.id, { action: "approve" });
    expect(again.status).toBe(409);
    expect((again.body.error.details.task as Task).approvals).toHaveLength(1);

    expect((await second.resume(task!.id, { action: "approve" })).status).toBe(200);
    const done = await api.waitForRun(run.id, { until: ["completed"] });
    expect(done.output).toEqual({ refunded: true, amount: 15_000 });
    expect(await refundRows(run.id)).toEqual([{ amount: 15_000, currency: "USD", order_id: expect.any(String) }]);
  });

  it("one rejection ends it, even after an approval: nothing is refunded", async () => {
    const { api, first, second } = await teamWithDeciders();
    const run = await api.startRun("refund", refundInput(20_000));
    const [task] = await api.waitingTasks(run.id);
    expect((await first.resume(task!.id, { action: "approve" })).status).toBe(200);
    expect((await second.resume(task!.id, { action: "reject", comment: "Too large" })).status).toBe(200);
    const done = await api.waitForRun(run.id, { until: ["completed"] });
    expect(done.output).toEqual({ refunded: false, amount: 0 });
    expect(await refundRows(run.id)).toEqual([]);
  });

  it("at 10,000 or below one approval is enough", async () => {
    const { api, first } = await teamWithDeciders();
    const run = await api.startRun("refund", refundInput(10_000));
    const [task] = await api.waitingTasks(run.id);
    expect(task).toMatchObject({ queue: "finance", quorum: 1 });
    expect((await first.resume(task!.id, { action: "approve" })).status).toBe(200);
    expect((await api.waitForRun(run.id, { until: ["completed"] })).output).toEqual({ refunded: true, amount: 10_000 });
  });
});
