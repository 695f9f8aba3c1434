"use client";

import { useState } from "react";
import { Loader2Icon } from "lucide-react";
import { changeMemberRoleAction } from "@/app/(dashboard)/settings/members/actions";
import { useServerAction } from "@/components/use-server-action";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { QueuePicker } from "./queue-picker";
import type { MemberRow } from "./members-table";

export function QueueAccessDialog({ member, queues, onClose }: { member: MemberRow; queues: string[]; onClose: () => void }) {
  const [value, setValue] = useState<string[] | null>(member.queues);
  const { pending, run } = useServerAction();

  const save = (e: React.FormEvent) => {
    e.preventDefault();
    void run(() => changeMemberRoleAction({ membershipId: member.id, role: member.role, queues: value }), {
      success: `Updated queue access for ${member.email}`,
      onSuccess: onClose,
    });
  };

  return (
    <Dialog open onOpenChange={(open) => !open && !pending && onClose()}>
      <DialogContent>
        <form onSubmit={save} className="grid gap-5">
          <DialogHeader>
            <DialogTitle>Queue access</DialogTitle>
            <DialogDescription>
              Limit which queues {member.name || member.email} sees and works. Queue settings still decide which roles may decide.
            </DialogDescription>
          </DialogHeader>
          <QueuePicker queues={queues} value={value} onChange={setValue} />
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending || (value !== null && value.length === 0)}>
              {pending && <Loader2Icon className="animate-spin" />}
              Save
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
