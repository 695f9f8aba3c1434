"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { KeyboardIcon } from "lucide-react";
import { toast } from "sonner";
import { decideTasksAction } from "@/app/(dashboard)/queues/actions";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { useServerAction } from "@/components/use-server-action";
import { useHotkeys } from "@/lib/hooks/use-hotkeys";
import { pauseLiveRefresh } from "@/lib/hooks/live-pause";
import { BulkBar } from "./bulk-bar";
import { DecideDialog } from "./decide-dialog";
import { summarizeDecisions } from "./decision-summary";
import { ShortcutsDialog } from "./shortcuts-dialog";
import { TaskRow } from "./task-row";
import type { BulkAction, QueueMember, QueueTask } from "./types";

const CHUNK = 50;

interface Props {
  queue: string;
  tasks: QueueTask[];
  members: QueueMember[];
  me: string;
  now: number;
  canDecide: boolean;
  canAssign: boolean;
}

/** The interactive list: focus row (j/k), selection (x, shift-click, all), decisions and shortcuts. */
export function QueueView({ queue, tasks, members, me, now, canDecide, canAssign }: Props) {
  const router = useRouter();
  const { pending, run } = useServerAction();
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const [focus, setFocus] = useState(0);
  const [anchor, setAnchor] = useState<number | null>(null);
  const [request, setRequest] = useState<{ action: BulkAction; tasks: QueueTask[] } | null>(null);
  const [dialogKey, setDialogKey] = useState(0); // a fresh dialog (empty reason) per request
  const [help, setHelp] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const rows = useRef<Array<HTMLLIElement | null>>([]);
  // After a decision the decided rows leave the list and take keyboard focus with them (to <body>):
  // focus goes to the row now under the cursor instead. `deciding` names the rows on their way out.
  const refocus = useRef(false);
  const deciding = useRef<Set<string>>(new Set());

  // After a refresh some tasks are gone: the selection and focus follow what is still listed.
  const selectedTasks = useMemo(() => tasks.filter((t) => selected.has(t.id)), [tasks, selected]);
  const focusIndex = Math.max(0, Math.min(focus, tasks.length - 1));
  const focused = tasks[focusIndex];
  const allSelected = selectedTasks.length === tasks.length && tasks.length > 0;

  const rowRef = useCallback((i: number, el: HTMLLIElement | null) => {
    rows.current[i] = el;
  }, []);
  const moveFocus = (i: number) => {
    const next = Math.max(0, Math.min(i, tasks.length - 1));
    setFocus(next);
    rows.current[next]?.focus();
    rows.current[next]?.scrollIntoView({ block: "nearest" });
  };
  const toggle = (i: number, range: boolean) => {
    setSelected((prev) => {
      const next = new Set(prev);
      const on = !prev.has(tasks[i]!.id);
      const [from, to] = range && anchor !== null ? [Math.min(anchor, i), Math.max(anchor, i)] : [i, i];
      for (let k = from; k <= to; k++) {
        if (on) next.add(tasks[k]!.id);
        else next.delete(tasks[k]!.id);
      }
      return next;
    });
    setAnchor(i);
    setFocus(i);
  };

  // Sent in chunks of 50 so a 200-task decision shows progress and no single request runs long.
  const decide = (action: BulkAction, ids: string[], comment?: string) =>
    run(
      async () => {
        const decided: string[] = [];
        const failed: Array<{ taskId: string; code: string; message: string }> = [];
        setProgress({ done: 0, total: ids.length });
        deciding.current = new Set(ids);
        refocus.current = true;
        const resume = pauseLiveRefresh();
        try {
          for (let i = 0; i < ids.length; i += CHUNK) {
            const res = await decideTasksAction({ taskIds: ids.slice(i, i + CHUNK), action, comment });
            if (!res.ok) {
              if (decided.length === 0 && failed.length === 0) return res;
              failed.push(...ids.slice(i).map((taskId) => ({ taskId, ...res.error })));
              break;
            }
            decided.push(...res.data.decided);
            failed.push(...res.data.failed);
            setProgress({ done: Math.min(ids.length, i + CHUNK), total: ids.length });
          }
        } finally {
          resume();
          router.refresh(); // one re-render of the list for the whole decision
        }
        return { ok: true as const, data: { action, decided, failed } };
      },
      {
        onSuccess: (data) => {
          const summary = summarizeDecisions(data);
          toast[summary.level](summary.message, data.failed[0] ? { description: data.failed[0].message } : undefined);
          setSelected((prev) => new Set([...prev].filter((id) => !ids.includes(id))));
          setRequest(null);
          setProgress(null);
        },
        onError: () => {
          setProgress(null);
          refocus.current = false;
        },
      },
    );

  /** a/r on a selection (or r on one task) confirm first; a on a single focused task approves at once. */
  const startDecision = (action: BulkAction, single?: QueueTask) => {
    if (!canDecide || pending) return;
    const targets = single ? [single] : selectedTasks.length > 0 ? selectedTasks : focused ? [focused] : [];
    if (targets.length === 0) return;
    if (targets.length === 1 && !targets[0]!.allowed.includes(action)) {
      toast.error(`This task does not allow ${action === "approve" ? "approving" : "rejecting"}: open it (Enter) to respond.`);
      return;
    }
    if (action === "approve" && targets.length === 1 && (single || selectedTasks.length === 0)) {
      void decide("approve", [targets[0]!.id]);
      return;
    }
    setRequest({ action, tasks: targets });
    setDialogKey((k) => k + 1);
  };

  const focusCursorRow = () => {
    const row = rows.current[focusIndex];
    row?.focus({ preventScroll: true });
    if (row && !deciding.current.has(row.dataset.taskId ?? "")) refocus.current = false;
    return Boolean(row);
  };
  useEffect(() => {
    if (!refocus.current || request !== null) return;
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    focusCursorRow();
  }, [tasks, request, focusIndex]); // eslint-disable-line react-hooks/exhaustive-deps -- runs when the list or the dialog changes

  // Rows get stable callbacks (so a 200-row page re-renders only the rows that change).
  const latest = useRef({ toggle, startDecision, tasks });
  useEffect(() => {
    latest.current = { toggle, startDecision, tasks };
  });
  const onToggle = useCallback((i: number, range: boolean) => latest.current.toggle(i, range), []);
  const onRowDecide = useCallback((action: BulkAction, i: number) => latest.current.startDecision(action, latest.current.tasks[i]), []);

  useHotkeys(
    {
      j: () => moveFocus(focusIndex + 1),
      k: () => moveFocus(focusIndex - 1),
      Enter: () => focused && router.push(`/tasks/${focused.id}`),
      e: () => focused && router.push(`/tasks/${focused.id}?edit=1`),
      x: () => canDecide && focused && toggle(focusIndex, false),
      a: () => startDecision("approve"),
      r: () => startDecision("reject"),
      Escape: () => setSelected(new Set()),
      "?": () => setHelp(true),
    },
    request === null && !help,
  );

  return (
    <div className="grid gap-3" data-queue={queue}>
      <div className="flex items-center gap-3 px-3 text-sm text-muted-foreground sm:px-4">
        {canDecide && (
          <label className="flex items-center gap-3">
            <Checkbox
              checked={allSelected ? true : selectedTasks.length > 0 ? "indeterminate" : false}
              onCheckedChange={() => setSelected(allSelected ? new Set() : new Set(tasks.map((t) => t.id)))}
              aria-label="Select all on this page"
            />
            <span>
              {selectedTasks.length > 0 ? `${selectedTasks.length} of ${tasks.length} selected` : `Select all ${tasks.length} on this page`}
            </span>
          </label>
        )}
        {!canDecide && <span>You can read this queue; deciding needs a reviewer role for it.</span>}
        <Button variant="ghost" size="sm" className="ml-auto hidden text-muted-foreground sm:inline-flex" onClick={() => setHelp(true)}>
          <KeyboardIcon />
          Shortcuts <span className="sr-only">(press ?)</span>
        </Button>
      </div>
      <ul
        aria-label={`Pending tasks in ${queue}`}
        className="overflow-hidden rounded-xl border bg-card"
        onKeyDown={(e) => {
          // Arrows move between rows only while focus is in the list (elsewhere they scroll).
          if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
          if (!e.currentTarget.contains(e.target as Node)) return; // keys from a portaled menu bubble here too
          e.preventDefault();
          moveFocus(focusIndex + (e.key === "ArrowDown" ? 1 : -1));
        }}
      >
        {tasks.map((t, i) => (
          <TaskRow
            key={t.id}
            task={t}
            index={i}
            focused={i === focusIndex}
            selected={selected.has(t.id)}
            canDecide={canDecide}
            canAssign={canAssign}
            busy={pending}
            members={members}
            me={me}
            now={now}
            rowRef={rowRef}
            onFocusRow={setFocus}
            onToggle={onToggle}
            onDecide={onRowDecide}
          />
        ))}
      </ul>
      {canDecide && (
        <BulkBar count={selectedTasks.length} busy={pending} onDecide={(a) => startDecision(a)} onClear={() => setSelected(new Set())} />
      )}
      <DecideDialog
        key={dialogKey}
        request={request}
        pending={pending}
        progress={progress}
        onClose={() => setRequest(null)}
        onCloseAutoFocus={(event) => {
          if (refocus.current && focusCursorRow()) event.preventDefault();
        }}
        onConfirm={(ids, comment) => request && decide(request.action, ids, comment)}
      />
      <ShortcutsDialog open={help} onOpenChange={setHelp} canDecide={canDecide} />
    </div>
  );
}
