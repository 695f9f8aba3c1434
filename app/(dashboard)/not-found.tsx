import Link from "next/link";
import { SearchXIcon } from "lucide-react";
import { EmptyState } from "@/components/empty-state";
import { PageContainer } from "@/components/page-header";
import { Button } from "@/components/ui/button";

/** notFound() from a dashboard page: also what another team's ids look like. */
export default function DashboardNotFound() {
  return (
    <PageContainer>
      <EmptyState
        icon={SearchXIcon}
        title="Not found in this team"
        description="It may belong to another of your teams: switch team in the sidebar, or go back to your queues."
        action={
          <Button asChild variant="outline">
            <Link href="/">Back to queues</Link>
          </Button>
        }
      />
    </PageContainer>
  );
}
