"use client";

import { useOptimistic, useTransition } from "react";
import { useRouter } from "next/navigation";
import { AlarmClockIcon, Loader2Icon, XIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { hasFilters, PAGE_SIZES, queueHref, TASK_KINDS, type QueueParams } from "./queue-params";
import type { QueueMember } from "./types";

const ANY = "__any__";

interface Props {
  queue: string;
  params: QueueParams;
  workflows: Array<{ id: string; name: string }>;
  members: QueueMember[];
}

/** Filters live in the URL, so a filtered queue can be bookmarked and shared. */
export function QueueFilters({ queue, params: current, workflows, members }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  // The controls show the choice at once; the list follows when the page arrives.
  const [params, setOptimistic] = useOptimistic(current);
  const go = (patch: Partial<QueueParams>) =>
    startTransition(() => {
      setOptimistic({ ...current, ...patch });
      router.push(queueHref(queue, current, patch), { scroll: false });
    });

  return (
    <div role="toolbar" aria-label="Filters" className="flex flex-wrap items-center gap-2" aria-busy={pending || undefined}>
      <FilterSelect
        label="Workflow"
        value={params.workflow}
        onChange={(v) => go({ workflow: v })}
        options={workflows.map((w) => ({ value: w.id, label: w.name }))}
      />
      <FilterSelect
        label="Kind"
        value={params.kind}
        onChange={(v) => go({ kind: v as QueueParams["kind"] })}
        options={TASK_KINDS.map((k) => ({ value: k, label: k[0]!.toUpperCase() + k.slice(1) }))}
      />
      <FilterSelect
        label="Assignee"
        value={params.assignee}
        onChange={(v) => go({ assignee: v })}
        options={[
          { value: "me", label: "Assigned to me" },
          { value: "none", label: "Unassigned" },
          ...members.map((m) => ({ value: m.id, label: m.label })),
        ]}
      />
      <Button
        type="button"
        variant={params.overdue ? "secondary" : "outline"}
        size="sm"
        aria-pressed={params.overdue}
        onClick={() => go({ overdue: !params.overdue })}
        className={params.overdue ? "border border-destructive/40 text-destructive" : undefined}
      >
        <AlarmClockIcon />
        Overdue
      </Button>
      {hasFilters(params) && (
        <Button
          type="button"
          variant="ghost"
          size="sm"
          onClick={() => go({ workflow: undefined, kind: undefined, assignee: undefined, overdue: false })}
        >
          <XIcon />
          Clear
        </Button>
      )}
      {pending && <Loader2Icon className="size-4 animate-spin text-muted-foreground" aria-label="Loading" />}
      <div className="ml-auto flex items-center gap-2 text-sm text-muted-foreground">
        <label htmlFor="page-size">Per page</label>
        <Select value={String(params.limit)} onValueChange={(v) => go({ limit: Number(v) })}>
          <SelectTrigger id="page-size" size="sm" className="w-20">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {PAGE_SIZES.map((n) => (
              <SelectItem key={n} value={String(n)}>
                {n}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
    </div>
  );
}

function FilterSelect(props: {
  label: string;
  value?: string;
  onChange: (v: string | undefined) => void;
  options: Array<{ value: string; label: string }>;
}) {
  const active = Boolean(props.value);
  return (
    <Select value={props.value ?? ANY} onValueChange={(v) => props.onChange(v === ANY ? undefined : v)}>
      <SelectTrigger size="sm" aria-label={props.label} className={active ? "border-primary/40 bg-accent" : undefined}>
        <span className="text-muted-foreground">{props.label}:</span>
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        <SelectItem value={ANY}>Any</SelectItem>
        {props.options.map((o) => (
          <SelectItem key={o.value} value={o.value}>
            {o.label}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
