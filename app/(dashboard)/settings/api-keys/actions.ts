"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { teamAction } from "@/lib/auth/action";
import { createApiKey, revokeApiKey } from "@/lib/teams";

const PATH = "/settings/api-keys";

/** Returns the secret once; only its hash is stored. */
export const createApiKeyAction = teamAction(
  "apikeys.manage",
  z.object({ name: z.string().trim().min(1, "Name the key after the agent that uses it.").max(80) }),
  async ({ name }, { teamId, actor }) => {
    const key = await createApiKey({ teamId, name, actor });
    revalidatePath(PATH);
    return key;
  },
);

export const revokeApiKeyAction = teamAction(
  "apikeys.manage",
  z.object({ keyId: z.string().min(1) }),
  async ({ keyId }, { teamId, actor }) => {
    const result = await revokeApiKey({ keyId, teamId, actor });
    revalidatePath(PATH);
    return result;
  },
);
