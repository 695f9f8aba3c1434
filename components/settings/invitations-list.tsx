"use client";

import { MailIcon } from "lucide-react";
import { revokeInvitationAction } from "@/app/(dashboard)/settings/members/actions";
import { ConfirmDialog, useConfirmTarget } from "@/components/confirm-dialog";
import { useServerAction } from "@/components/use-server-action";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";

export interface InvitationRow {
  id: string;
  email: string;
  role: string;
  queues: string[] | null;
  sent: string;
  invitedBy: string | null;
}

export function InvitationsList({ rows }: { rows: InvitationRow[] }) {
  const { pending, run } = useServerAction();
  const confirm = useConfirmTarget<InvitationRow>();
  const revoking = confirm.target;

  if (rows.length === 0) {
    return <p className="rounded-xl border border-dashed px-4 py-6 text-center text-sm text-muted-foreground">No pending invitations.</p>;
  }

  const revoke = () => {
    const row = confirm.target;
    if (!row) return;
    void run(() => revokeInvitationAction({ invitationId: row.id }), {
      success: `Revoked the invitation to ${row.email}`,
      onSuccess: confirm.close,
    });
  };

  return (
    <>
      <ul className="divide-y rounded-xl border">
        {rows.map((row) => (
          <li key={row.id} className="flex flex-wrap items-center gap-x-3 gap-y-2 px-4 py-3">
            <MailIcon className="size-4 shrink-0 text-muted-foreground" aria-hidden />
            <div className="grid min-w-0 flex-1">
              <span className="truncate text-sm font-medium">{row.email}</span>
              <span className="truncate text-xs text-muted-foreground">
                Sent {row.sent}
                {row.invitedBy && ` by ${row.invitedBy}`}
                {row.queues && ` · queues: ${row.queues.join(", ")}`}
              </span>
            </div>
            <Badge variant="outline" className="capitalize">
              {row.role}
            </Badge>
            <Button variant="ghost" size="sm" onClick={() => confirm.ask(row)}>
              Revoke
            </Button>
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={confirm.open}
        onOpenChange={confirm.onOpenChange}
        title={`Revoke the invitation to ${revoking?.email}?`}
        description="The link in their email will no longer add them to the team. You can invite them again later."
        confirmLabel="Revoke"
        pending={pending}
        onConfirm={revoke}
      />
    </>
  );
}
