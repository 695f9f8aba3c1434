"use client";

import { useId } from "react";
import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";

/**
 * Which queues a member may work: all (null) or a chosen subset. Names come from the team's
 * queue settings, plus any already on the member so that nothing is dropped silently.
 */
export function QueuePicker({
  queues,
  value,
  onChange,
}: {
  queues: string[];
  value: string[] | null;
  onChange: (value: string[] | null) => void;
}) {
  const id = useId();
  const names = Array.from(new Set([...queues, ...(value ?? [])])).sort();
  const all = value === null;
  return (
    <fieldset className="grid gap-3">
      <legend className="mb-2 text-sm font-medium">Queue access</legend>
      <div className="flex items-center gap-2">
        <Checkbox id={`${id}-all`} checked={all} onCheckedChange={(c) => onChange(c === true ? null : [])} />
        <Label htmlFor={`${id}-all`} className="font-normal">
          Every queue their role may work
        </Label>
      </div>
      {!all &&
        (names.length === 0 ? (
          <p className="text-sm text-muted-foreground">No queues yet: create them under Settings → Queues.</p>
        ) : (
          <div className="grid max-h-48 grid-cols-2 gap-2 overflow-y-auto rounded-md border p-3">
            {names.map((name) => (
              <div key={name} className="flex items-center gap-2">
                <Checkbox
                  id={`${id}-${name}`}
                  checked={value.includes(name)}
                  onCheckedChange={(c) => onChange(c === true ? [...value, name] : value.filter((q) => q !== name))}
                />
                <Label htmlFor={`${id}-${name}`} className="font-mono text-xs font-normal">
                  {name}
                </Label>
              </div>
            ))}
          </div>
        ))}
    </fieldset>
  );
}
