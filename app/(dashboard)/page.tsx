import type { Metadata } from "next";
import { InboxIcon } from "lucide-react";
import { EmptyState } from "@/components/empty-state";
import { PageContainer, PageHeader } from "@/components/page-header";
import { requireTeamContext } from "@/lib/auth/current";

export const metadata: Metadata = { title: "Queues" };

/** Placeholder home: the queue overview replaces it. */
export default async function HomePage() {
  const { membership } = await requireTeamContext();
  return (
    <PageContainer>
      <PageHeader title="Your queues" description={`Review tasks waiting for a human in ${membership.name}.`} />
      <EmptyState
        icon={InboxIcon}
        title="Nothing to review"
        description="When an agent pauses for approval, its task appears here in the queue your role works."
      />
    </PageContainer>
  );
}
