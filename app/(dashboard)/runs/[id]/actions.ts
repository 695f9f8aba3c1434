"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { teamAction } from "@/lib/auth/action";
import { visibleRuns } from "@/lib/access/visibility";
import { cancelRun } from "@/lib/engine/runs";
import { getRunTimeline } from "@/lib/engine/timeline";
import { AppError } from "@/lib/errors";

/** Cancels a run of the current team; a run that already ended answers `conflict`. */
export const cancelRunAction = teamAction(
  "runs.cancel",
  z.object({ runId: z.string().trim().min(1).max(100) }),
  async ({ runId }, { teamId, actor, principal }) => {
    const run = await cancelRun({ teamId, runId, actor, visible: await visibleRuns(principal) });
    revalidatePath(`/runs/${runId}`);
    return { id: run.id, status: run.status };
  },
);

/** The full state of a run at one checkpoint, loaded when someone opens it in the timeline. */
export const loadTimelineStateAction = teamAction(
  "runs.read",
  z.object({ runId: z.string().trim().min(1).max(100), checkpointId: z.string().trim().min(1).max(200) }),
  async ({ runId, checkpointId }, { teamId, principal }) => {
    const steps = await getRunTimeline({ teamId, runId, visible: await visibleRuns(principal) });
    const step = steps.find((s) => s.checkpointId === checkpointId);
    if (!step) throw new AppError("not_found", "This step is no longer in the run's history.");
    return { values: step.values };
  },
);
