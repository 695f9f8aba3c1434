"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { teamAction } from "@/lib/auth/action";
import { EXAMPLE_STATUSES } from "@/lib/contract";
import { setExampleStatus } from "@/lib/feedback";

const schema = z.object({ feedbackId: z.string().min(1).max(100), status: z.enum(EXAMPLE_STATUSES) });

/** Promotes, retires or resets one edit as a few-shot example (audited by the service). */
export const setExampleStatusAction = teamAction("feedback.curate", schema, async ({ feedbackId, status }, { principal }) => {
  const item = await setExampleStatus({ principal, feedbackId, status });
  if (item.workflow) revalidatePath(`/workflows/${encodeURIComponent(item.workflow)}/examples`);
  revalidatePath("/feedback");
  return { id: item.id, exampleStatus: item.exampleStatus };
});
