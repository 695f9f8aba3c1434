import { PageContainer } from "@/components/page-header";
import { Skeleton } from "@/components/ui/skeleton";

/** The queue page's shape while it loads: header, filter bar, task rows. */
export default function QueueLoading() {
  return (
    <PageContainer className="max-w-6xl gap-4" aria-busy="true" aria-label="Loading the queue">
      <div className="grid gap-3">
        <Skeleton className="h-4 w-16" />
        <Skeleton className="h-6 w-40" />
      </div>
      <div className="flex gap-2">
        {[28, 24, 28, 20].map((w, i) => (
          <Skeleton key={i} className="h-8" style={{ width: `${w * 4}px` }} />
        ))}
      </div>
      <div className="rounded-xl border">
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="flex items-center gap-3 border-b px-4 py-3 last:border-b-0">
            <Skeleton className="size-4 rounded-[4px]" />
            <div className="grid flex-1 gap-1.5">
              <Skeleton className="h-4 w-2/3" />
              <Skeleton className="h-3 w-1/3" />
            </div>
            <Skeleton className="h-5 w-20" />
          </div>
        ))}
      </div>
    </PageContainer>
  );
}
