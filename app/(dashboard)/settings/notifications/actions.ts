"use server";

import { revalidatePath } from "next/cache";
import { teamAction } from "@/lib/auth/action";
import { notificationPreferencesSchema, setNotificationPreferences } from "@/lib/teams";

/** Any member sets their own preferences for the current team (off, immediately, or a digest). */
export const setNotificationPreferencesAction = teamAction(
  null,
  notificationPreferencesSchema,
  async (preferences, { teamId, user, actor }) => {
    const result = await setNotificationPreferences({ teamId, userId: user.id, preferences, actor });
    revalidatePath("/settings/notifications");
    return result;
  },
);
