import Link from "next/link";
import { SearchXIcon } from "lucide-react";
import { EmptyState } from "@/components/empty-state";
import { PageContainer } from "@/components/page-header";
import { Button } from "@/components/ui/button";

/** Another team's task, a hidden queue and a wrong id all look the same: not found. */
export default function TaskNotFound() {
  return (
    <PageContainer>
      <EmptyState
        icon={SearchXIcon}
        title="Task not found"
        description="No task with this id in your team, or it is in a queue you do not have access to."
        action={
          <Button asChild variant="outline">
            <Link href="/">Back to your queues</Link>
          </Button>
        }
      />
    </PageContainer>
  );
}
