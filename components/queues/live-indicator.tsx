"use client";

import { useLiveRefresh } from "@/lib/hooks/use-live-refresh";
import { cn } from "@/lib/utils";

/**
 * Keeps the page current (debounced refresh on task events of `queue`, or of any visible queue)
 * and shows a subtle "N new tasks" pill until clicked.
 */
export function LiveIndicator({ queue, className }: { queue?: string; className?: string }) {
  const { connected, newCount, clearNew } = useLiveRefresh(queue);
  return (
    <span className={cn("inline-flex items-center gap-2 text-xs text-muted-foreground", className)}>
      <span
        className="inline-flex items-center gap-1.5"
        title={
          connected
            ? "This page updates by itself when tasks arrive or are decided"
            : "Not receiving live updates; reload to see the latest"
        }
      >
        <span className="relative flex size-2" aria-hidden>
          {connected && (
            <span className="absolute inline-flex size-full animate-ping rounded-full bg-success/60 [animation-duration:2.5s]" />
          )}
          <span className={cn("relative inline-flex size-2 rounded-full", connected ? "bg-success" : "bg-muted-foreground/40")} />
        </span>
        {connected ? "Live" : "Connecting…"}
      </span>
      {/* Always in the DOM so screen readers pick up changes; announced politely, after what is being read. */}
      <span role="status" aria-live="polite" aria-atomic="true" className="sr-only" data-testid="live-announcement">
        {newCount > 0 ? `${newCount} new ${newCount === 1 ? "task" : "tasks"} arrived${queue ? ` in ${queue}` : ""}` : ""}
      </span>
      <span>
        {newCount > 0 && (
          <button
            type="button"
            onClick={clearNew}
            className="rounded-full bg-primary px-2 py-0.5 font-medium text-primary-foreground outline-none transition-opacity hover:opacity-90 focus-visible:ring-[3px] focus-visible:ring-ring/50"
            aria-label={`${newCount} new ${newCount === 1 ? "task" : "tasks"} arrived. Dismiss`}
          >
            {newCount} new {newCount === 1 ? "task" : "tasks"}
          </button>
        )}
      </span>
    </span>
  );
}
