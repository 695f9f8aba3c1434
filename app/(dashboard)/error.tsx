"use client";

import { useEffect } from "react";
import { RotateCcwIcon, TriangleAlertIcon } from "lucide-react";
import { EmptyState } from "@/components/empty-state";
import { PageContainer } from "@/components/page-header";
import { Button } from "@/components/ui/button";

export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <PageContainer>
      <EmptyState
        icon={TriangleAlertIcon}
        title="This page could not be loaded"
        description={
          <>
            Something went wrong on our side.
            {error.digest && (
              <>
                {" "}
                Reference <code className="font-mono text-xs">{error.digest}</code>.
              </>
            )}
          </>
        }
        action={
          <Button variant="outline" onClick={reset}>
            <RotateCcwIcon />
            Try again
          </Button>
        }
      />
    </PageContainer>
  );
}
