"use client";

import { useId, useOptimistic } from "react";
import { useRouter } from "next/navigation";
import { revokeAnswerAction, setAutoApplyAction } from "@/app/(dashboard)/questions/actions";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { useServerAction } from "@/components/use-server-action";

/** "Apply automatically" for one saved answer, and forgetting it (owners and admins). */
export function AutoApplyToggle({ answerId, auto }: { answerId: string; auto: boolean }) {
  const id = useId();
  const router = useRouter();
  const [optimistic, setOptimistic] = useOptimistic(auto);
  const { pending, run } = useServerAction();
  const change = (next: boolean) =>
    void run(
      async () => {
        setOptimistic(next);
        return setAutoApplyAction({ answerId, auto: next });
      },
      {
        success: next ? "New tasks with this question are answered automatically." : "Automatic answering off.",
        onSuccess: () => router.refresh(),
      },
    );
  return (
    <div className="flex flex-wrap items-center gap-3">
      <div className="flex items-center gap-2">
        <Switch id={id} checked={optimistic} onCheckedChange={change} disabled={pending} />
        <Label htmlFor={id} className="text-sm font-normal">
          Apply automatically
        </Label>
      </div>
      <Button
        type="button"
        size="sm"
        variant="ghost"
        disabled={pending}
        onClick={() =>
          void run(() => revokeAnswerAction({ answerId }), { success: "No longer suggested.", onSuccess: () => router.refresh() })
        }
      >
        Forget
      </Button>
    </div>
  );
}
