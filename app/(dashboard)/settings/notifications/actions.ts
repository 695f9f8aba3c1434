"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { teamAction } from "@/lib/auth/action";
import { setNotifyEmail } from "@/lib/teams";

/** Any member sets their own preference for the current team. */
export const setNotifyEmailAction = teamAction(
  null,
  z.object({ notifyEmail: z.boolean() }),
  async ({ notifyEmail }, { teamId, user, actor }) => {
    const result = await setNotifyEmail({ teamId, userId: user.id, notifyEmail, actor });
    revalidatePath("/settings/notifications");
    return result;
  },
);
