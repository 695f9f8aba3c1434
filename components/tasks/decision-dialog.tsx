"use client";

import { useId, useState } from "react";
import { Loader2Icon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Kbd } from "@/components/ui/kbd";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { cn } from "@/lib/utils";

export interface DecisionDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: React.ReactNode;
  confirmLabel: string;
  variant?: "default" | "destructive";
  /** The note's label; `noteRequired` makes it a required reason. */
  noteLabel: string;
  noteRequired?: boolean;
  notePlaceholder?: string;
  pending?: boolean;
  onConfirm: (note: string) => void;
  children?: React.ReactNode;
  className?: string;
}

/**
 * The confirm step of every decision: a summary (children), a comment or required reason, and
 * Enter to confirm (Shift+Enter for a new line), Esc to cancel. Stays open while pending.
 */
export function DecisionDialog(props: DecisionDialogProps) {
  const id = useId();
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);

  const submit = (e?: React.FormEvent) => {
    e?.preventDefault();
    if (props.pending) return;
    if (props.noteRequired && !note.trim()) {
      setError(`${props.noteLabel} is required.`);
      return;
    }
    props.onConfirm(note.trim());
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key !== "Enter" || e.shiftKey || e.nativeEvent.isComposing) return;
    const target = e.target as HTMLElement;
    if (target.closest("button, a, summary")) return; // a focused button answers Enter itself
    e.preventDefault();
    submit();
  };

  return (
    <Dialog
      open={props.open}
      onOpenChange={(next) => {
        if (props.pending) return;
        if (!next) setError(null);
        props.onOpenChange(next);
      }}
    >
      <DialogContent className={cn("sm:max-w-lg", props.className)} onKeyDown={onKeyDown}>
        <form onSubmit={submit} className="grid gap-4" noValidate>
          <DialogHeader>
            <DialogTitle>{props.title}</DialogTitle>
            <DialogDescription>{props.description}</DialogDescription>
          </DialogHeader>
          {props.children}
          <div className="grid gap-2">
            <Label htmlFor={`${id}-note`} className="gap-1">
              {props.noteLabel}
              {props.noteRequired ? (
                <span className="text-destructive" aria-hidden>
                  *
                </span>
              ) : (
                <span className="text-xs font-normal text-muted-foreground">optional</span>
              )}
            </Label>
            <Textarea
              id={`${id}-note`}
              autoFocus
              rows={3}
              value={note}
              placeholder={props.notePlaceholder}
              required={props.noteRequired}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-err` : `${id}-hint`}
              onChange={(e) => {
                setNote(e.target.value);
                if (error && e.target.value.trim()) setError(null);
              }}
            />
            {error ? (
              <p id={`${id}-err`} role="alert" className="text-xs text-destructive">
                {error}
              </p>
            ) : (
              <p id={`${id}-hint`} className="text-xs text-muted-foreground">
                <Kbd>Enter</Kbd> to confirm, <Kbd>Shift</Kbd> + <Kbd>Enter</Kbd> for a new line.
              </p>
            )}
          </div>
          <DialogFooter>
            <Button type="button" variant="outline" disabled={props.pending} onClick={() => props.onOpenChange(false)}>
              Cancel
              <Kbd className="hidden sm:inline-flex">Esc</Kbd>
            </Button>
            <Button type="submit" variant={props.variant ?? "default"} disabled={props.pending}>
              {props.pending && <Loader2Icon className="animate-spin" />}
              {props.confirmLabel}
              <Kbd className="hidden border-transparent bg-primary-foreground/15 text-current sm:inline-flex">↵</Kbd>
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
