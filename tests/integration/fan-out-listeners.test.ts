import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { runs, tasks } from "@/db/schema";
import { advanceRun } from "@/lib/engine/advance";
import { startRun } from "@/lib/engine/runs";
import { decideTask } from "@/lib/tasks/decide";
import { registerWorkflow } from "@/lib/workflows";
import { emailOutreach } from "@/lib/workflows/email-outreach";
import type { WorkflowDefinition } from "@/lib/workflows/types";
import { createTestTeam, deciderPrincipal } from "../helpers";

// email-outreach now fans out to one child run per draft; compiled without the engine's flag it
// is still the one-thread graph with 40 parallel review nodes in one step, which is what this tests.
registerWorkflow({
  ...(emailOutreach as WorkflowDefinition),
  id: "test-outreach-one-thread",
  children: undefined,
  compile: (checkpointer) => emailOutreach.compile(checkpointer),
});

/**
 * LangGraph gives every task of a step a listener on the step's one AbortSignal; a fan-out wider
 * than Node's limit of 10 printed "MaxListenersExceededWarning: 11 abort listeners added to
 * [AbortSignal]" in the worker (and so in `npm start`'s log). graphConfig() caps a step's
 * concurrency, so a 40-lead outreach pauses on 40 interrupts and resumes without the warning.
 */
describe("fan-out wider than 10 parallel tasks", () => {
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
  beforeAll(() => void process.on("warning", onWarning));
  afterAll(() => void process.off("warning", onWarning));

  it("pauses on every interrupt and resumes them all with no MaxListenersExceededWarning", async () => {
    const team = await createTestTeam();
    const reviewer = deciderPrincipal(team, { scopes: ["decide"] });
    const leads = Array.from({ length: 40 }, (_, i) => ({ name: `Lead ${i}`, email: `lead${i}@example.com`, company: "Co" }));
    const run = await startRun({
      teamId: team.team.id,
      workflow: "test-outreach-one-thread",
      input: { leads },
      actor: { type: "api_key", id: team.apiKeyId },
    });
    await advanceRun(run.id);
    const pending = await getDb().select().from(tasks).where(eq(tasks.runId, run.id));
    expect(pending.filter((t) => t.status === "pending")).toHaveLength(40);

    for (const t of pending)
      expect((await decideTask({ principal: reviewer, taskId: t.id, input: { action: "approve" } })).outcome).toBe("decided");
    await advanceRun(run.id);
    const [after] = await getDb().select().from(runs).where(eq(runs.id, run.id));
    expect(after!.status).toBe("completed");
    expect(warnings.filter((w) => w.includes("MaxListeners"))).toEqual([]);
  }, 120_000);
});
