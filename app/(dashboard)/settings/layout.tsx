import type { Metadata } from "next";
import { PageContainer, PageHeader } from "@/components/page-header";
import { SettingsNav } from "@/components/settings/settings-nav";

export const metadata: Metadata = { title: { default: "Settings", template: "%s · Settings · AgentControlLayer" } };

export default function SettingsLayout({ children }: { children: React.ReactNode }) {
  return (
    <PageContainer>
      <PageHeader title="Settings" description="Who is on the team, what they may review, and how agents connect." />
      <SettingsNav />
      {children}
    </PageContainer>
  );
}
