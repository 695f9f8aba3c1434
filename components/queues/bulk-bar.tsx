"use client";

import { CheckIcon, XIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Kbd } from "@/components/ui/kbd";
import type { BulkAction } from "./types";

/** Floats at the bottom of the list while tasks are selected. */
export function BulkBar({
  count,
  busy,
  onDecide,
  onClear,
}: {
  count: number;
  busy: boolean;
  onDecide: (a: BulkAction) => void;
  onClear: () => void;
}) {
  if (count === 0) return null;
  return (
    <div
      role="region"
      aria-label="Bulk actions"
      className="sticky bottom-4 z-20 mx-auto flex w-fit max-w-full items-center gap-2 rounded-xl border bg-popover p-1.5 pl-4 text-sm shadow-lg"
    >
      <span className="font-medium tabular-nums" aria-live="polite">
        {count} selected
      </span>
      <span className="mx-1 h-5 w-px bg-border" aria-hidden />
      <Button size="sm" disabled={busy} onClick={() => onDecide("approve")}>
        <CheckIcon />
        Approve {count}
        <Kbd className="hidden border-primary-foreground/20 bg-primary-foreground/10 text-primary-foreground/80 sm:inline-flex">a</Kbd>
      </Button>
      <Button size="sm" variant="outline" disabled={busy} onClick={() => onDecide("reject")}>
        <XIcon />
        Reject {count}
        <Kbd className="hidden sm:inline-flex">r</Kbd>
      </Button>
      <Button size="sm" variant="ghost" disabled={busy} onClick={onClear} aria-label="Clear selection">
        Clear
      </Button>
    </div>
  );
}
