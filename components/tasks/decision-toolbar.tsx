"use client";

import { CheckIcon, PencilIcon, XIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Kbd } from "@/components/ui/kbd";
import type { TaskAction } from "./types";

/**
 * Approve / Edit / Reject, exactly as the task allows, each with its shortcut. On phones the
 * bar sticks to the bottom of the screen so the decision is always within reach.
 */
export function DecisionToolbar({
  allowed,
  disabled,
  onAction,
  editButtonRef,
}: {
  allowed: TaskAction[];
  disabled?: boolean;
  onAction: (action: "approve" | "edit" | "reject") => void;
  editButtonRef?: React.Ref<HTMLButtonElement>;
}) {
  const has = (a: TaskAction) => allowed.includes(a);
  if (!has("approve") && !has("edit") && !has("reject")) return null;
  return (
    <div
      role="toolbar"
      aria-label="Decision"
      className="sticky bottom-0 z-10 flex gap-2 border-t bg-background/95 py-3 backdrop-blur sm:static sm:justify-end sm:border-0 sm:bg-transparent sm:p-0 sm:backdrop-blur-none"
    >
      {has("reject") && (
        <Button
          variant="outline"
          className="flex-1 sm:flex-none"
          disabled={disabled}
          onClick={() => onAction("reject")}
          aria-keyshortcuts="r"
        >
          <XIcon className="text-destructive" />
          Reject
          <Kbd className="hidden sm:inline-flex">R</Kbd>
        </Button>
      )}
      {has("edit") && (
        <Button
          variant="outline"
          className="flex-1 sm:flex-none"
          disabled={disabled}
          onClick={() => onAction("edit")}
          aria-keyshortcuts="e"
          ref={editButtonRef}
        >
          <PencilIcon />
          Edit
          <Kbd className="hidden sm:inline-flex">E</Kbd>
        </Button>
      )}
      {has("approve") && (
        <Button className="flex-1 sm:flex-none" disabled={disabled} onClick={() => onAction("approve")} aria-keyshortcuts="a">
          <CheckIcon />
          Approve
          <Kbd className="hidden border-transparent bg-primary-foreground/15 text-current sm:inline-flex">A</Kbd>
        </Button>
      )}
    </div>
  );
}
