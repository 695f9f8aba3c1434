import { PageContainer } from "@/components/page-header";
import { Skeleton } from "@/components/ui/skeleton";

export default function AuditLoading() {
  return (
    <PageContainer aria-busy="true" aria-label="Loading the audit history">
      <div className="grid gap-2">
        <Skeleton className="h-6 w-40" />
        <Skeleton className="h-4 w-80" />
      </div>
      <Skeleton className="h-28 rounded-xl" />
      <div className="grid gap-2 rounded-xl border p-4">
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="flex items-center gap-3 py-1.5">
            <Skeleton className="size-5 rounded-full" />
            <Skeleton className="h-4 w-32" />
            <Skeleton className="h-5 w-24" />
            <Skeleton className="h-4 flex-1" />
          </div>
        ))}
      </div>
    </PageContainer>
  );
}
