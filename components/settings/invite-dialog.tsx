"use client";

import { useId, useState } from "react";
import { Loader2Icon, UserPlusIcon } from "lucide-react";
import { inviteMemberAction } from "@/app/(dashboard)/settings/members/actions";
import { useServerAction } from "@/components/use-server-action";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { QueuePicker } from "./queue-picker";
import { ROLE_INFO, RoleSelect, type RoleName } from "./role-select";

export function InviteDialog({ queues, allowOwner }: { queues: string[]; allowOwner: boolean }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<RoleName>("reviewer");
  const [limit, setLimit] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { pending, run } = useServerAction();

  const reset = () => {
    setEmail("");
    setRole("reviewer");
    setLimit(null);
    setError(null);
  };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    void run(() => inviteMemberAction({ email, role, queues: role === "owner" ? null : limit }), {
      success: (inv) => `Invitation sent to ${inv.email}`,
      onSuccess: () => {
        setOpen(false);
        reset();
      },
      onError: (err) => setError(err.message),
    });
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) reset();
      }}
    >
      <DialogTrigger asChild>
        <Button size="sm">
          <UserPlusIcon />
          Invite
        </Button>
      </DialogTrigger>
      <DialogContent>
        <form onSubmit={submit} className="grid gap-5">
          <DialogHeader>
            <DialogTitle>Invite a teammate</DialogTitle>
            <DialogDescription>They get an email with a sign-in link and join when they sign in with this address.</DialogDescription>
          </DialogHeader>
          <div className="grid gap-2">
            <Label htmlFor={`${id}-email`}>Email</Label>
            <Input
              id={`${id}-email`}
              type="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              placeholder="reviewer@company.com"
              autoComplete="off"
              required
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
            />
          </div>
          <div className="grid gap-2">
            <Label htmlFor={`${id}-role`}>Role</Label>
            <RoleSelect id={`${id}-role`} value={role} onValueChange={setRole} allowOwner={allowOwner} />
            <p className="text-xs text-muted-foreground">{ROLE_INFO[role]}.</p>
          </div>
          {role !== "owner" && <QueuePicker queues={queues} value={limit} onChange={setLimit} />}
          {error && (
            <p id={`${id}-error`} role="alert" className="text-sm text-destructive">
              {error}
            </p>
          )}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending || !email.trim() || (limit !== null && limit.length === 0)}>
              {pending && <Loader2Icon className="animate-spin" />}
              Send invitation
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
