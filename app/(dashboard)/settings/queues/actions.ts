"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ROLES } from "@/lib/contract";
import { teamAction } from "@/lib/auth/action";
import { queueNameSchema } from "@/lib/queues";
import { queueDeadlineDefaultsSchema, saveQueueSettings } from "@/lib/queues/deadline-defaults";

export const saveQueueAction = teamAction(
  "queues.manage",
  z.object({
    name: queueNameSchema,
    description: z.string().trim().max(500, "Keep the description under 500 characters.").nullable().optional(),
    roles: z.array(z.enum(ROLES)).max(ROLES.length),
    /** "create" refuses to overwrite an existing queue of that name. */
    mode: z.enum(["create", "update"]).default("update"),
    /** Deadline defaults for its tasks that declare none; omitted = unchanged. */
    deadlines: queueDeadlineDefaultsSchema.optional(),
  }),
  async ({ mode, deadlines, ...input }, { teamId, actor }) => {
    const queue = await saveQueueSettings({ ...input, teamId, actor, createOnly: mode === "create", deadlines });
    revalidatePath("/settings/queues");
    return { name: queue.name };
  },
);
