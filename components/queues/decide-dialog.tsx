"use client";

import { useState } from "react";
import { CheckIcon, Loader2Icon, XIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { plural } from "@/lib/format";
import type { BulkAction, QueueTask } from "./types";

interface Props {
  /** The tasks the reviewer chose; those that do not allow `action` are listed as skipped. */
  request: { action: BulkAction; tasks: QueueTask[] } | null;
  pending: boolean;
  /** Tasks decided so far while a large decision is sent in chunks. */
  progress?: { done: number; total: number } | null;
  onConfirm: (taskIds: string[], comment?: string) => void;
  onClose: () => void;
  /** Where focus goes when the dialog has closed (default: back to what opened it). */
  onCloseAutoFocus?: (event: Event) => void;
}

const COPY = {
  approve: { verb: "Approve", effect: "Each agent proceeds with its drafted action exactly as shown (emails are sent, refunds paid)." },
  reject: { verb: "Reject", effect: "Each agent is told not to perform the action; your reason is passed back to it." },
} as const;

/** Confirms a bulk decision: how many tasks, which ones, what will happen; reject asks a reason. */
export function DecideDialog({ request, pending, progress, onConfirm, onClose, onCloseAutoFocus }: Props) {
  const [reason, setReason] = useState("");
  const [touched, setTouched] = useState(false);
  const action = request?.action ?? "approve";
  const copy = COPY[action];
  const doable = request?.tasks.filter((t) => t.allowed.includes(action)) ?? [];
  const skipped = request?.tasks.filter((t) => !t.allowed.includes(action)) ?? [];
  const needsReason = action === "reject" && reason.trim() === "";

  const close = () => {
    if (pending) return;
    onClose();
    setReason("");
    setTouched(false);
  };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (needsReason || doable.length === 0 || pending) return;
    onConfirm(
      doable.map((t) => t.id),
      action === "reject" ? reason.trim() : undefined,
    );
  };

  return (
    <Dialog
      open={request !== null}
      onOpenChange={(open) => {
        if (!open) close();
      }}
    >
      <DialogContent className="sm:max-w-xl" onEscapeKeyDown={(e) => pending && e.preventDefault()} onCloseAutoFocus={onCloseAutoFocus}>
        <form onSubmit={submit} className="grid gap-4">
          <DialogHeader>
            <DialogTitle>
              {copy.verb} {plural(doable.length, "task")}?
            </DialogTitle>
            <DialogDescription>{copy.effect} Decisions are final and recorded in the audit log.</DialogDescription>
          </DialogHeader>
          <ol aria-label={`Tasks to ${action}`} className="max-h-64 overflow-y-auto rounded-md border text-sm" data-testid="decide-list">
            {doable.map((t, i) => (
              <li key={t.id} className="flex gap-3 border-b px-3 py-1.5 last:border-b-0">
                <span className="w-6 shrink-0 text-right text-xs leading-5 text-muted-foreground tabular-nums">{i + 1}</span>
                <span className="min-w-0 truncate">{t.title}</span>
              </li>
            ))}
          </ol>
          {skipped.length > 0 && (
            <p className="rounded-md bg-warning/15 px-3 py-2 text-sm">
              {plural(skipped.length, "selected task")} will be skipped: {action} is not allowed for{" "}
              {skipped.length === 1 ? `“${skipped[0]!.title}”` : "them"} (open it to respond instead).
            </p>
          )}
          {action === "reject" && (
            <div className="grid gap-2">
              <Label htmlFor="reject-reason">Reason (sent to the agent)</Label>
              <Textarea
                id="reject-reason"
                autoFocus
                rows={3}
                maxLength={5000}
                placeholder="e.g. Tone is too pushy for a first contact."
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) submit(e);
                }}
                aria-invalid={touched && needsReason ? true : undefined}
                aria-describedby={touched && needsReason ? "reject-reason-err" : undefined}
              />
              {touched && needsReason && (
                <p id="reject-reason-err" role="alert" className="text-xs text-destructive">
                  Give a reason: the agent and the audit log keep it.
                </p>
              )}
            </div>
          )}
          <DialogFooter>
            <Button type="button" variant="outline" disabled={pending} onClick={close}>
              Cancel
            </Button>
            <Button
              type="submit"
              variant={action === "reject" ? "destructive" : "default"}
              disabled={pending || doable.length === 0}
              autoFocus={action === "approve"}
            >
              {pending ? <Loader2Icon className="animate-spin" /> : action === "approve" ? <CheckIcon /> : <XIcon />}
              <span aria-live="polite">
                {!pending
                  ? `${copy.verb} ${plural(doable.length, "task")}`
                  : progress && progress.total > 1
                    ? `${copy.verb.replace(/e$/, "")}ing ${progress.done} of ${progress.total}…`
                    : `${copy.verb.replace(/e$/, "")}ing…`}
              </span>
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
