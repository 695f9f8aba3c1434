import type { Metadata } from "next";
import { NotificationPreferences } from "@/components/settings/notification-preferences";
import { SettingsSection } from "@/components/settings/section";
import { requireTeamContext } from "@/lib/auth/current";
import { notificationMode } from "@/lib/teams";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const { user, membership } = await requireTeamContext();
  const current = notificationMode(membership);
  return (
    <SettingsSection title="Notifications" description="Your own preferences for this team; other members are not affected.">
      <NotificationPreferences
        mode={current.mode}
        digestMinutes={current.mode === "digest" ? current.digestMinutes : membership.notifyDigestMinutes}
        email={user.email}
        team={membership.name}
      />
    </SettingsSection>
  );
}
