"use client";

import { SendIcon } from "lucide-react";
import { resendWebhookAction } from "@/app/(dashboard)/tasks/[id]/actions";
import { useServerAction } from "@/components/use-server-action";
import { Button } from "@/components/ui/button";

/** Sends the same event (same id and body, a fresh signature) again now. */
export function ResendWebhookButton({ taskId, eventId }: { taskId: string; eventId: string }) {
  const { pending, run } = useServerAction();
  return (
    <Button
      variant="outline"
      size="sm"
      className="justify-self-start"
      disabled={pending}
      onClick={() => void run(() => resendWebhookAction({ taskId, eventId }), { success: "Webhook queued for delivery" })}
    >
      <SendIcon aria-hidden="true" /> Resend
    </Button>
  );
}
