"use client";

import { useOptimistic } from "react";
import { setNotifyEmailAction } from "@/app/(dashboard)/settings/notifications/actions";
import { useServerAction } from "@/components/use-server-action";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";

export function NotifyToggle({ enabled, email, team }: { enabled: boolean; email: string; team: string }) {
  const [optimistic, setOptimistic] = useOptimistic(enabled);
  const { pending, run } = useServerAction();

  const change = (next: boolean) =>
    void run(
      async () => {
        setOptimistic(next);
        return setNotifyEmailAction({ notifyEmail: next });
      },
      { success: next ? "Email notifications on" : "Email notifications off" },
    );

  return (
    <div className="flex items-start justify-between gap-4 rounded-xl border p-4">
      <div className="grid gap-1">
        <Label htmlFor="notify-email">Email me when a task needs review</Label>
        <p id="notify-email-hint" className="text-sm text-muted-foreground">
          New tasks in queues you work in {team} are sent to <span className="text-foreground">{email}</span>.
        </p>
      </div>
      <Switch id="notify-email" checked={optimistic} onCheckedChange={change} disabled={pending} aria-describedby="notify-email-hint" />
    </div>
  );
}
