import { and, asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { tasks } from "@/db/schema";
import type { Principal } from "@/lib/access/principal";
import type { DecisionInput } from "@/lib/contract";
import { resumeTask } from "@/lib/engine/resume";
import { getRunOrThrow, startRun } from "@/lib/engine/runs";
import { agentPrincipal, deciderPrincipal, type TestTeam } from "../helpers";

/** Drives runs through the real engine (worker started by the test file) for one test team. */
export function runDriver(team: () => TestTeam) {
  /** The agent's key starts runs; the reviewer's key (scope decide) decides them: separation of duties. */
  const agent = (): Principal => agentPrincipal(team());
  const principal = (): Principal => deciderPrincipal(team());

  async function settle(runId: string, statuses = ["waiting", "completed", "failed", "cancelled"]) {
    for (let i = 0; i < 400; i++) {
      const run = await getRunOrThrow({ teamId: team().team.id, runId });
      if (statuses.includes(run.status)) return run;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`run ${runId} did not reach ${statuses.join("/")}`);
  }

  return {
    principal,
    agent,
    settle,
    async start(workflow: string, input: unknown) {
      const run = await startRun({ teamId: team().team.id, workflow, input, actor: agent().actor });
      return settle(run.id);
    },
    /** The run's pending tasks in creation order (for one interrupt: in the order it asked). */
    async pending(runId: string) {
      return getDb()
        .select()
        .from(tasks)
        .where(and(eq(tasks.runId, runId), eq(tasks.status, "pending")))
        .orderBy(asc(tasks.interruptIndex), asc(tasks.id));
    },
    decide(taskId: string, input: DecisionInput) {
      return resumeTask({ principal: principal(), taskId, input });
    },
    /** Waits until the run has left the state it was in when a decision was sent (new tasks, or done). */
    async next(runId: string, pendingBefore: string[]) {
      for (let i = 0; i < 400; i++) {
        const run = await getRunOrThrow({ teamId: team().team.id, runId });
        const moved = run.status !== "waiting" || run.pendingTaskIds.some((id) => !pendingBefore.includes(id));
        if (moved && run.status !== "running" && run.status !== "queued") return run;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`run ${runId} did not move on`);
    },
  };
}
