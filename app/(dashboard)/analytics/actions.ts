"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { teamAction } from "@/lib/auth/action";
import { createPolicyFromSuggestion, revertPolicy, suggestionKeySchema } from "@/lib/policies";

/** The one-click policy from a suggestion: the server works the rule out again (audited `policy.created`). */
export const createPolicyFromSuggestionAction = teamAction("policies.manage", suggestionKeySchema, async (key, { principal }) => {
  const policy = await createPolicyFromSuggestion({ principal, key });
  revalidatePath("/analytics");
  return { id: policy.id, summary: policy.summary };
});

/** Switches a team policy off (audited `policy.reverted`): matching tasks wait for people again. */
export const revertPolicyAction = teamAction(
  "policies.manage",
  z.object({ policyId: z.string().min(1).max(100) }),
  async ({ policyId }, { principal }) => {
    const policy = await revertPolicy({ principal, policyId });
    revalidatePath("/analytics");
    return { id: policy.id };
  },
);
