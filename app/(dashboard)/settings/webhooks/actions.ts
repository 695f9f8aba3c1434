"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { teamAction } from "@/lib/auth/action";
import { getWebhookSecret, rotateWebhookSecret } from "@/lib/webhooks/secrets";

/** Reveals the secret on request, so it is not in the page's HTML until an owner asks for it. */
export const revealWebhookSecretAction = teamAction("webhooks.secret", z.object({}), async (_input, { teamId, actor }) => ({
  secret: await getWebhookSecret({ teamId, actor }),
}));

export const rotateWebhookSecretAction = teamAction("webhooks.secret", z.object({}), async (_input, { teamId, actor }) => {
  const secret = await rotateWebhookSecret({ teamId, actor });
  revalidatePath("/settings/webhooks");
  return { secret };
});
