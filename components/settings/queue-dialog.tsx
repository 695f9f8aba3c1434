"use client";

import { useId, useState } from "react";
import { Loader2Icon } from "lucide-react";
import { saveQueueAction } from "@/app/(dashboard)/settings/queues/actions";
import { useServerAction } from "@/components/use-server-action";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import type { RoleName } from "./role-select";

export interface QueueDraft {
  name: string;
  description: string | null;
  roles: RoleName[];
}

const DECIDING_ROLES: { role: RoleName; hint: string }[] = [
  { role: "owner", hint: "always" },
  { role: "admin", hint: "" },
  { role: "reviewer", hint: "" },
];

/** Create (no `initial`) or edit a queue: description and the roles that may decide its tasks. */
export function QueueDialog({ initial, onClose }: { initial: QueueDraft | null; onClose: () => void }) {
  const id = useId();
  const editing = initial !== null && initial.name !== "";
  const [name, setName] = useState(initial?.name ?? "");
  const [description, setDescription] = useState(initial?.description ?? "");
  const [roles, setRoles] = useState<RoleName[]>(initial?.roles ?? ["owner", "admin", "reviewer"]);
  const [error, setError] = useState<string | null>(null);
  const { pending, run } = useServerAction();

  const toggle = (role: RoleName, on: boolean) => setRoles((r) => (on ? [...r, role] : r.filter((x) => x !== role)));

  const save = (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    void run(() => saveQueueAction({ name, description: description || null, roles, mode: editing ? "update" : "create" }), {
      success: (q) => (editing ? `Saved ${q.name}` : `Created queue ${q.name}`),
      onSuccess: onClose,
      onError: (err) => setError(err.message),
    });
  };

  return (
    <Dialog open onOpenChange={(open) => !open && !pending && onClose()}>
      <DialogContent>
        <form onSubmit={save} className="grid gap-5">
          <DialogHeader>
            <DialogTitle>{editing ? `Edit ${initial.name}` : "New queue"}</DialogTitle>
            <DialogDescription>Workflows route review tasks to a queue by name, e.g. refunds over 500 go to “finance”.</DialogDescription>
          </DialogHeader>
          <div className="grid gap-2">
            <Label htmlFor={`${id}-name`}>Name</Label>
            <Input
              id={`${id}-name`}
              value={name}
              onChange={(e) => setName(e.target.value.toLowerCase())}
              readOnly={editing}
              required
              maxLength={48}
              placeholder="finance"
              className="font-mono"
              aria-invalid={error ? true : undefined}
            />
          </div>
          <div className="grid gap-2">
            <Label htmlFor={`${id}-description`}>Description</Label>
            <Textarea
              id={`${id}-description`}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              maxLength={500}
              placeholder="Refunds above 500 that need a finance lead."
            />
          </div>
          <fieldset className="grid gap-2">
            <legend className="mb-1 text-sm font-medium">Who may decide tasks</legend>
            <p className="text-xs text-muted-foreground">Viewers can read every queue but never decide.</p>
            {DECIDING_ROLES.map(({ role, hint }) => (
              <div key={role} className="flex items-center gap-2">
                <Checkbox
                  id={`${id}-${role}`}
                  checked={role === "owner" || roles.includes(role)}
                  disabled={role === "owner"}
                  onCheckedChange={(c) => toggle(role, c === true)}
                />
                <Label htmlFor={`${id}-${role}`} className="font-normal capitalize">
                  {role}
                  {hint && <span className="text-xs text-muted-foreground normal-case">({hint})</span>}
                </Label>
              </div>
            ))}
          </fieldset>
          {error && (
            <p role="alert" className="text-sm text-destructive">
              {error}
            </p>
          )}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending || !name.trim()}>
              {pending && <Loader2Icon className="animate-spin" />}
              {editing ? "Save" : "Create queue"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
