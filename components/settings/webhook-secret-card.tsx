"use client";

import { useState } from "react";
import { CopyIcon, EyeIcon, RotateCwIcon } from "lucide-react";
import { toast } from "sonner";
import { revealWebhookSecretAction, rotateWebhookSecretAction } from "@/app/(dashboard)/settings/webhooks/actions";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { useServerAction } from "@/components/use-server-action";
import { Button } from "@/components/ui/button";

/** The team's signing secret: hidden until revealed, copyable, rotatable (with a confirmation). */
export function WebhookSecretCard({ since, rotated }: { since: string | null; rotated: boolean }) {
  const { pending, run } = useServerAction();
  const [secret, setSecret] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  const reveal = () => void run(() => revealWebhookSecretAction({}), { onSuccess: (d) => setSecret(d.secret) });
  const rotate = () =>
    void run(() => rotateWebhookSecretAction({}), {
      success: "New webhook secret issued",
      onSuccess: (d) => {
        setSecret(d.secret);
        setConfirming(false);
      },
    });
  const copy = async () => {
    if (!secret) return;
    await navigator.clipboard.writeText(secret).then(
      () => toast.success("Secret copied"),
      () => toast.error("Could not copy: select the text instead."),
    );
  };

  return (
    <div className="grid gap-3 rounded-xl border p-4">
      <div className="grid gap-1">
        <p className="text-sm font-medium" id="webhook-secret-label">
          Signing secret
        </p>
        <p className="text-sm text-muted-foreground">
          {since ? `${rotated ? "Rotated" : "Created"} ${since}.` : "Created when you first reveal it or a webhook is sent."} Receivers
          verify each delivery with it; after a rotation, deliveries (retries included) are signed with the new secret only.
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <code data-testid="webhook-secret" className="min-w-0 flex-1 rounded-md border bg-muted px-3 py-2 font-mono text-xs break-all">
          {secret ?? "whsec_••••••••••••••••••••••••"}
        </code>
        {secret ? (
          <Button variant="outline" size="sm" onClick={copy}>
            <CopyIcon aria-hidden="true" /> Copy
          </Button>
        ) : (
          <Button variant="outline" size="sm" onClick={reveal} disabled={pending}>
            <EyeIcon aria-hidden="true" /> Reveal
          </Button>
        )}
        <Button variant="outline" size="sm" onClick={() => setConfirming(true)} disabled={pending}>
          <RotateCwIcon aria-hidden="true" /> Rotate
        </Button>
      </div>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title="Rotate the webhook secret?"
        description="A new secret replaces the current one at once: receivers that still verify with the old secret reject every delivery until they are updated."
        confirmLabel="Rotate secret"
        pending={pending}
        onConfirm={rotate}
      />
    </div>
  );
}
