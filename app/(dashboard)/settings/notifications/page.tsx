import type { Metadata } from "next";
import { NotifyToggle } from "@/components/settings/notify-toggle";
import { SettingsSection } from "@/components/settings/section";
import { requireTeamContext } from "@/lib/auth/current";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const { user, membership } = await requireTeamContext();
  return (
    <SettingsSection title="Notifications" description="Your own preferences for this team; other members are not affected.">
      <NotifyToggle enabled={membership.notifyEmail} email={user.email} team={membership.name} />
    </SettingsSection>
  );
}
