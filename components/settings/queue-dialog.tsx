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
import { NativeSelect } from "@/components/ui/native-select";
import { TIMEOUT_OUTCOMES, type TimeoutOutcome } from "@/lib/contract/enums";
import type { RoleName } from "./role-select";

export interface QueueDeadlines {
  dueInSeconds: number | null;
  remindBeforeSeconds: number | null;
  onTimeout: TimeoutOutcome | null;
  escalateTo: string | null;
}
export interface QueueDraft {
  name: string;
  description: string | null;
  roles: RoleName[];
  deadlines: QueueDeadlines;
}
export const NO_DEADLINES: QueueDeadlines = { dueInSeconds: null, remindBeforeSeconds: null, onTimeout: null, escalateTo: null };

const OUTCOME_LABEL: Record<TimeoutOutcome, string> = {
  expire: "Expire (the agent is told no)", // the default: the empty choice
  reject: "Reject",
  approve: "Approve automatically",
  escalate: "Escalate to another queue",
};

/** "Due in 240 min, reminder 30 min before; then escalate to managers", or null without defaults. */
export function describeDeadlines(d: QueueDeadlines): string | null {
  if (!d.dueInSeconds && !d.onTimeout && !d.remindBeforeSeconds) return null;
  const parts = [d.dueInSeconds ? `Due in ${d.dueInSeconds / 60} min` : "No default deadline"];
  if (d.remindBeforeSeconds) parts.push(`reminder ${d.remindBeforeSeconds / 60} min before`);
  const then = d.onTimeout === "escalate" ? `escalate to ${d.escalateTo}` : d.onTimeout ? d.onTimeout : null;
  return parts.join(", ") + (then ? `; then ${then}` : "");
}

const minutes = (s: number | null) => (s ? String(s / 60) : "");
const seconds = (m: string) => (m.trim() ? Math.round(Number(m) * 60) : null);

const DECIDING_ROLES: { role: RoleName; hint: string }[] = [
  { role: "owner", hint: "always" },
  { role: "admin", hint: "" },
  { role: "reviewer", hint: "" },
];

/** A labelled number input in minutes (empty: no default), for the deadline defaults. */
function MinutesField(props: { id: string; label: string; value: string; onChange: (value: string) => void; placeholder: string }) {
  return (
    <div className="grid gap-2">
      <Label htmlFor={props.id}>{props.label}</Label>
      <Input
        id={props.id}
        type="number"
        min={1}
        step="any"
        inputMode="decimal"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        placeholder={props.placeholder}
      />
    </div>
  );
}

/** Create (no `initial`) or edit a queue: description and the roles that may decide its tasks. */
export function QueueDialog({ initial, onClose }: { initial: QueueDraft | null; onClose: () => void }) {
  const id = useId();
  const editing = initial !== null && initial.name !== "";
  const [name, setName] = useState(initial?.name ?? "");
  const [description, setDescription] = useState(initial?.description ?? "");
  const [roles, setRoles] = useState<RoleName[]>(initial?.roles ?? ["owner", "admin", "reviewer"]);
  const deadlines = initial?.deadlines ?? NO_DEADLINES;
  const [dueIn, setDueIn] = useState(minutes(deadlines.dueInSeconds));
  const [remindBefore, setRemindBefore] = useState(minutes(deadlines.remindBeforeSeconds));
  const [onTimeout, setOnTimeout] = useState<TimeoutOutcome | "">(deadlines.onTimeout ?? "");
  const [escalateTo, setEscalateTo] = useState(deadlines.escalateTo ?? "");
  const [error, setError] = useState<string | null>(null);
  const { pending, run } = useServerAction();

  const toggle = (role: RoleName, on: boolean) => setRoles((r) => (on ? [...r, role] : r.filter((x) => x !== role)));

  const save = (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    const deadlines = {
      dueInSeconds: seconds(dueIn),
      remindBeforeSeconds: seconds(remindBefore),
      onTimeout: onTimeout || null,
      escalateTo: onTimeout === "escalate" ? escalateTo.trim() || null : null,
    };
    void run(() => saveQueueAction({ name, description: description || null, roles, mode: editing ? "update" : "create", deadlines }), {
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
          <fieldset className="grid gap-3">
            <legend className="mb-1 text-sm font-medium">Deadline defaults</legend>
            <p className="text-xs text-muted-foreground">For tasks in this queue whose workflow or request sets no deadline of its own.</p>
            <div className="grid grid-cols-2 gap-3">
              <MinutesField id={`${id}-due-in`} label="Due after (minutes)" value={dueIn} onChange={setDueIn} placeholder="No deadline" />
              <MinutesField
                id={`${id}-remind`}
                label="Remind before (minutes)"
                value={remindBefore}
                onChange={setRemindBefore}
                placeholder="No reminder"
              />
            </div>
            <div className="grid gap-2">
              <Label htmlFor={`${id}-on-timeout`}>When the deadline passes</Label>
              <NativeSelect
                id={`${id}-on-timeout`}
                className="w-full"
                value={onTimeout}
                onChange={(e) => setOnTimeout(e.target.value as TimeoutOutcome | "")}
              >
                <option value="">Expire (default)</option>
                {TIMEOUT_OUTCOMES.filter((o) => o !== "expire").map((o) => (
                  <option key={o} value={o}>
                    {OUTCOME_LABEL[o]}
                  </option>
                ))}
              </NativeSelect>
            </div>
            {onTimeout === "escalate" && (
              <div className="grid gap-2">
                <Label htmlFor={`${id}-escalate-to`}>Escalate to queue</Label>
                <Input
                  id={`${id}-escalate-to`}
                  value={escalateTo}
                  onChange={(e) => setEscalateTo(e.target.value.toLowerCase())}
                  required
                  maxLength={48}
                  placeholder="managers"
                  className="font-mono"
                />
              </div>
            )}
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
