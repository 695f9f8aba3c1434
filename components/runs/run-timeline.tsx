import { CirclePauseIcon, HistoryIcon } from "lucide-react";
import { EmptyState } from "@/components/empty-state";
import { Badge } from "@/components/ui/badge";
import type { TimelineStep } from "@/lib/engine/timeline";
import { cn } from "@/lib/utils";
import { TimeAgo } from "./time-ago";
import { TimelineState } from "./timeline-state";

type LoadState = React.ComponentProps<typeof TimelineState>["load"];

const nodeName = (n: string) => (n === "__start__" ? "start" : n === "__end__" ? "end" : n);

/** ["draft", "draft", "collect"] → "draft ×2, collect" (fan-outs run one node many times). */
function nodeList(nodes: string[]) {
  const counts = new Map<string, number>();
  for (const n of nodes) counts.set(nodeName(n), (counts.get(nodeName(n)) ?? 0) + 1);
  return [...counts].map(([n, c]) => (c > 1 ? `${n} ×${c}` : n)).join(", ");
}

/** Top-level state keys whose value differs from the previous step's. */
function changedKeys(prev: unknown, next: unknown): string[] {
  const a = (prev && typeof prev === "object" ? prev : {}) as Record<string, unknown>;
  const b = (next && typeof next === "object" ? next : {}) as Record<string, unknown>;
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

/** The run's checkpoints, oldest first: which nodes ran, when, what changed, and the full state. */
export function RunTimeline({ runId, steps, loadState }: { runId: string; steps: TimelineStep[]; loadState: LoadState }) {
  if (steps.length === 0) {
    return (
      <EmptyState
        icon={HistoryIcon}
        title="No steps yet"
        description="The timeline fills in as soon as a worker picks the run up."
        className="py-8"
      />
    );
  }
  return (
    <ol className="grid" aria-label="Run timeline">
      {steps.map((step, i) => {
        const prev = steps[i - 1];
        const changed = prev ? changedKeys(prev.values, step.values) : [];
        const last = i === steps.length - 1;
        // Checkpoints may not record their writers; the previous step's `next` are the nodes that ran.
        const ran = step.nodes.length ? step.nodes : (prev?.next ?? []);
        const label = step.source === "input" ? "Input received" : ran.length ? nodeList(ran) : "Checkpoint";
        return (
          <li key={step.checkpointId || i} className="relative grid grid-cols-[1.25rem_1fr] gap-3 pb-5 last:pb-0">
            <div aria-hidden className="relative flex justify-center">
              {!last && <span className="absolute top-5 bottom-[-0.25rem] w-px bg-border" />}
              <span
                className={cn(
                  "mt-1 size-3 rounded-full border-2 bg-background",
                  step.interrupts > 0 ? "border-warning bg-warning/40" : last ? "border-foreground" : "border-muted-foreground/50",
                )}
              />
            </div>
            <div className="grid min-w-0 gap-1.5">
              <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
                <span className="text-sm font-medium">{label}</span>
                <span className="text-xs text-muted-foreground tabular-nums">step {step.step}</span>
                {step.createdAt && <TimeAgo date={step.createdAt} format="clock" className="ml-auto text-xs text-muted-foreground" />}
              </div>
              <div className="flex flex-wrap items-center gap-1.5 text-xs text-muted-foreground">
                {step.interrupts > 0 && (
                  <Badge variant="warning">
                    <CirclePauseIcon aria-hidden />
                    Paused at {step.interrupts} interrupt{step.interrupts === 1 ? "" : "s"}
                  </Badge>
                )}
                {changed.length > 0 && (
                  <span>
                    changed <span className="font-mono text-foreground/80">{changed.join(", ")}</span>
                  </span>
                )}
                {step.next.length > 0 && (
                  <span>
                    → next <span className="font-mono text-foreground/80">{nodeList(step.next)}</span>
                  </span>
                )}
              </div>
              {step.checkpointId && <TimelineState runId={runId} checkpointId={step.checkpointId} step={step.step} load={loadState} />}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
