"use client";

import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Kbd } from "@/components/ui/kbd";

const SHORTCUTS: Array<{ keys: string[]; label: string; decide?: boolean }> = [
  { keys: ["j"], label: "Next task" },
  { keys: ["k"], label: "Previous task (↑/↓ work in the list too)" },
  { keys: ["Enter"], label: "Open the task" },
  { keys: ["x"], label: "Select / deselect the task", decide: true },
  { keys: ["Shift", "click"], label: "Select a range", decide: true },
  { keys: ["a"], label: "Approve the task (a selection asks first)", decide: true },
  { keys: ["r"], label: "Reject, with a reason", decide: true },
  { keys: ["e"], label: "Open the task in edit mode", decide: true },
  { keys: ["Esc"], label: "Clear the selection", decide: true },
  { keys: ["?"], label: "Show this list" },
];

export function ShortcutsDialog({
  open,
  onOpenChange,
  canDecide,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  canDecide: boolean;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-md">
        <DialogHeader>
          <DialogTitle>Keyboard shortcuts</DialogTitle>
          <DialogDescription>Work a queue without the mouse. Shortcuts pause while you type.</DialogDescription>
        </DialogHeader>
        <dl className="grid gap-1.5 text-sm">
          {SHORTCUTS.filter((s) => canDecide || !s.decide).map((s) => (
            <div key={s.label} className="flex items-center justify-between gap-4 py-0.5">
              <dt className="text-muted-foreground">{s.label}</dt>
              <dd className="flex gap-1">
                {s.keys.map((k) => (
                  <Kbd key={k}>{k}</Kbd>
                ))}
              </dd>
            </div>
          ))}
        </dl>
      </DialogContent>
    </Dialog>
  );
}
