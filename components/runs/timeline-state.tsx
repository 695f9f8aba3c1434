"use client";

import { useState } from "react";
import { ChevronRightIcon, LoaderCircleIcon } from "lucide-react";
import { JsonView } from "@/components/json/json-view";
import { useServerAction } from "@/components/use-server-action";
import type { ActionResult } from "@/lib/auth/action-result";
import { cn } from "@/lib/utils";

type LoadState = (input: { runId: string; checkpointId: string }) => Promise<ActionResult<{ values: unknown }>>;

/**
 * "Show state" for one timeline step. The state is fetched when first opened: a run with
 * hundreds of drafts would otherwise send every step's full state with each page refresh.
 */
export function TimelineState({ runId, checkpointId, step, load }: { runId: string; checkpointId: string; step: number; load: LoadState }) {
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<{ v: unknown } | null>(null);
  const { pending, run } = useServerAction();

  const toggle = async () => {
    const next = !open;
    setOpen(next);
    if (next && !values) {
      const result = await run(() => load({ runId, checkpointId }));
      if (result?.ok) setValues({ v: result.data.values });
      else setOpen(false);
    }
  };

  return (
    <div className="grid gap-2">
      <button
        type="button"
        aria-expanded={open}
        onClick={toggle}
        disabled={pending}
        className="flex w-fit items-center gap-1 rounded-sm text-xs font-medium text-muted-foreground outline-none select-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring/50"
      >
        {pending ? (
          <LoaderCircleIcon aria-hidden className="size-3.5 animate-spin" />
        ) : (
          <ChevronRightIcon aria-hidden className={cn("size-3.5 transition-transform", open && "rotate-90")} />
        )}
        {open ? "Hide state" : "Show state"}
      </button>
      {open && values && <JsonView value={values.v} label={`State at step ${step}`} expandDepth={1} />}
    </div>
  );
}
