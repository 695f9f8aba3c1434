"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { teamAction } from "@/lib/auth/action";
import { cancelRun } from "@/lib/engine/runs";

/** Cancels a run of the current team; a run that already ended answers `conflict`. */
export const cancelRunAction = teamAction(
  "runs.cancel",
  z.object({ runId: z.string().trim().min(1).max(100) }),
  async ({ runId }, { teamId, actor }) => {
    const run = await cancelRun({ teamId, runId, actor });
    revalidatePath(`/runs/${runId}`);
    return { id: run.id, status: run.status };
  },
);
