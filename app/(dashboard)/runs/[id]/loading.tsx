import { PageContainer } from "@/components/page-header";
import { Skeleton } from "@/components/ui/skeleton";

export default function RunLoading() {
  return (
    <PageContainer aria-busy="true" aria-label="Loading the run">
      <div className="grid gap-3">
        <Skeleton className="h-4 w-14" />
        <Skeleton className="h-6 w-56" />
        <Skeleton className="h-3 w-64" />
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <div className="grid content-start gap-2 rounded-xl border p-4">
          {Array.from({ length: 5 }, (_, i) => (
            <div key={i} className="flex items-center gap-3 py-1.5">
              <Skeleton className="h-5 w-20" />
              <Skeleton className="h-4 flex-1" />
            </div>
          ))}
        </div>
        <Skeleton className="h-48 rounded-xl" />
      </div>
    </PageContainer>
  );
}
