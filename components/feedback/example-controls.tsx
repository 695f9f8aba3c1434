"use client";

import { useRouter } from "next/navigation";
import { ArchiveIcon, StarIcon, Undo2Icon } from "lucide-react";
import { setExampleStatusAction } from "@/app/(dashboard)/workflows/[id]/examples/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useServerAction } from "@/components/use-server-action";
import type { ExampleStatus } from "@/lib/contract";

const LABEL: Record<ExampleStatus, string> = { candidate: "Not reviewed", promoted: "Promoted", retired: "Retired" };
const VARIANT = { candidate: "outline", promoted: "success", retired: "secondary" } as const;

/** An edit's standing as a few-shot example, and (for those who may curate) promote / retire / reset. */
export function ExampleControls({ feedbackId, status, canCurate }: { feedbackId: string; status: ExampleStatus; canCurate: boolean }) {
  const router = useRouter();
  const { pending, run } = useServerAction();
  const set = (next: ExampleStatus, message: string) =>
    run(() => setExampleStatusAction({ feedbackId, status: next }), { success: message, onSuccess: () => router.refresh() });
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="example-controls">
      <Badge variant={VARIANT[status]} data-testid="example-status">
        {LABEL[status]}
      </Badge>
      {canCurate && status !== "promoted" && (
        <Button size="sm" variant="outline" disabled={pending} onClick={() => set("promoted", "Promoted: later drafts use this example.")}>
          <StarIcon aria-hidden />
          Promote
        </Button>
      )}
      {canCurate && status !== "retired" && (
        <Button size="sm" variant="ghost" disabled={pending} onClick={() => set("retired", "Retired: no longer used as an example.")}>
          <ArchiveIcon aria-hidden />
          Retire
        </Button>
      )}
      {canCurate && status !== "candidate" && (
        <Button size="sm" variant="ghost" disabled={pending} onClick={() => set("candidate", "Back to not reviewed.")}>
          <Undo2Icon aria-hidden />
          Reset
        </Button>
      )}
    </div>
  );
}
