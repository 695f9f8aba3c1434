"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { teamAction } from "@/lib/auth/action";
import { API_KEY_SCOPES } from "@/lib/contract";
import { createApiKey, revokeApiKey } from "@/lib/teams";

const PATH = "/settings/api-keys";

/** Returns the secret once; only its hash is stored. */
export const createApiKeyAction = teamAction(
  "apikeys.manage",
  z.object({
    name: z.string().trim().min(1, "Name the key after the agent that uses it.").max(80),
    scopes: z.array(z.enum(API_KEY_SCOPES)).min(1, "Choose at least one scope.").default(["runs", "tasks"]),
    /** Comma-separated queue names; empty = every queue. */
    queues: z.string().max(2000).optional(),
  }),
  async ({ name, scopes, queues }, { teamId, actor, principal }) => {
    const list = queues
      ?.split(",")
      .map((q) => q.trim())
      .filter(Boolean);
    const key = await createApiKey({
      teamId,
      name,
      actor,
      scopes,
      queues: list && list.length > 0 ? list : null,
      creator: { role: principal.role, queues: principal.queues },
    });
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
