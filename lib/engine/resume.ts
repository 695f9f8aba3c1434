import "server-only";
import type { DecisionInput, ResumeResult } from "@/lib/contract";
import type { Principal } from "@/lib/access/principal";
import { decideResultError, decideTask } from "@/lib/tasks/decide";
import { getRunOrThrow } from "./runs";

/**
 * The resume route's service: records the decision (lib/tasks decideTask: one transaction with
 * the audit event and the run's resume job) and answers with the task and its run. A task that
 * is no longer pending is a 409 naming who decided; an edit failing the schema is a 422.
 */
export async function resumeTask(params: { principal: Principal; taskId: string; input: DecisionInput }): Promise<ResumeResult> {
  const result = await decideTask(params);
  if (result.outcome !== "decided") throw decideResultError(result);
  const { task } = result;
  const run = task.runId ? await getRunOrThrow({ teamId: params.principal.teamId, runId: task.runId }) : null;
  return { task, run };
}
