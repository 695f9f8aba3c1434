"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { teamAction } from "@/lib/auth/action";
import { startRun } from "@/lib/engine/runs";

const startRunSchema = z.object({
  workflow: z.string().min(1).max(100),
  // Checked against the workflow's own zod schema inside startRun (the same path as the API).
  input: z.unknown(),
});

/** Starts a run from the dashboard through the same engine service as POST /api/v1/runs. */
export const startRunAction = teamAction("runs.create", startRunSchema, async ({ workflow, input }, { teamId, actor }) => {
  const run = await startRun({ teamId, workflow, input, metadata: { source: "dashboard" }, actor });
  revalidatePath("/runs");
  return { id: run.id, workflow: run.workflow, status: run.status };
});
