"use client";

import { useRouter } from "next/navigation";
import { ShieldCheckIcon, Undo2Icon } from "lucide-react";
import { createPolicyFromSuggestionAction, revertPolicyAction } from "@/app/(dashboard)/analytics/actions";
import { ConfirmDialog, useConfirmTarget } from "@/components/confirm-dialog";
import { Button } from "@/components/ui/button";
import { useServerAction } from "@/components/use-server-action";

/** Turns a suggestion into a team policy in one click (the server recomputes the rule). */
export function CreatePolicyButton({ workflow, queue, title }: { workflow: string; queue: string; title: string }) {
  const router = useRouter();
  const { pending, run } = useServerAction();
  return (
    <Button
      size="sm"
      variant="outline"
      disabled={pending}
      onClick={() =>
        run(() => createPolicyFromSuggestionAction({ workflow, queue, title }), {
          success: (p) => `Policy created: ${p.summary} is now approved automatically.`,
          onSuccess: () => router.refresh(),
        })
      }
    >
      <ShieldCheckIcon aria-hidden />
      Create policy<span className="sr-only"> for “{title}”</span>
    </Button>
  );
}

/** Reverts a team policy after a confirmation: the next matching task waits for a person again. */
export function RevertPolicyButton({ policyId, summary }: { policyId: string; summary: string }) {
  const router = useRouter();
  const { pending, run } = useServerAction();
  const confirm = useConfirmTarget<string>();
  return (
    <>
      <Button size="sm" variant="ghost" disabled={pending} onClick={() => confirm.ask(policyId)}>
        <Undo2Icon aria-hidden />
        Revert<span className="sr-only"> policy {summary}</span>
      </Button>
      <ConfirmDialog
        open={confirm.open}
        onOpenChange={confirm.onOpenChange}
        title="Revert this policy?"
        description={`Tasks matching “${summary}” will wait for a reviewer again. Decisions the policy already made stay in the audit log.`}
        confirmLabel="Revert policy"
        pending={pending}
        onConfirm={() =>
          run(() => revertPolicyAction({ policyId }), {
            success: "Policy reverted.",
            onSuccess: () => {
              confirm.close();
              router.refresh();
            },
          })
        }
      />
    </>
  );
}
