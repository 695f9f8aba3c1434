import Link from "next/link";
import { ArrowRightIcon, CircleCheckBigIcon, FilterXIcon, RotateCcwIcon } from "lucide-react";
import { EmptyState } from "@/components/empty-state";
import { Button } from "@/components/ui/button";
import { queueHref, type QueueParams } from "./queue-params";

/** Keyset pages: "Next page" carries the last id as ?cursor=; the first page drops it. */
export function QueuePager(props: { queue: string; params: QueueParams; nextCursor: string | null; shown: number; total: number | null }) {
  const { queue, params, nextCursor } = props;
  if (!nextCursor && !params.cursor) return null;
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-2 text-sm text-muted-foreground">
      <span className="tabular-nums">
        {props.shown} on this page{props.total !== null && ` of ${props.total} pending`}
      </span>
      <div className="flex gap-2">
        {params.cursor && (
          <Button asChild variant="ghost" size="sm">
            <Link href={queueHref(queue, params, { cursor: undefined })}>
              <RotateCcwIcon />
              First page
            </Link>
          </Button>
        )}
        {nextCursor && (
          <Button asChild variant="outline" size="sm">
            <Link href={queueHref(queue, params, { cursor: nextCursor })} rel="next">
              Next page
              <ArrowRightIcon />
            </Link>
          </Button>
        )}
      </div>
    </nav>
  );
}

export function QueueEmpty({ queue, params, filtered, paged }: { queue: string; params: QueueParams; filtered: boolean; paged: boolean }) {
  if (filtered || paged) {
    return (
      <EmptyState
        icon={FilterXIcon}
        title={paged ? "No more tasks on this page" : "No tasks match these filters"}
        description={
          paged ? "Everything after the previous page was decided meanwhile." : "Loosen or clear the filters to see the rest of the queue."
        }
        action={
          <Button asChild variant="outline" size="sm">
            <Link
              href={queueHref(
                queue,
                params,
                paged ? { cursor: undefined } : { workflow: undefined, kind: undefined, assignee: undefined, overdue: false },
              )}
            >
              {paged ? "Back to the first page" : "Clear filters"}
            </Link>
          </Button>
        }
      />
    );
  }
  return (
    <EmptyState
      icon={CircleCheckBigIcon}
      title="This queue is clear"
      description="Nothing is waiting for a decision. New tasks appear here as agents pause, without a reload."
    />
  );
}
