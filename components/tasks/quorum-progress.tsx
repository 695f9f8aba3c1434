import { UsersIcon } from "lucide-react";
import { quorumProgress } from "@/lib/format";

/** A pending task that needs several approvals: how far it is, and what one more approval does. */
export function QuorumProgress({ needed, by, approvedByYou }: { needed: number; by: string[]; approvedByYou: boolean }) {
  const left = needed - by.length;
  return (
    <div role="status" className="flex items-start gap-3 rounded-xl border bg-muted/40 p-4 text-sm">
      <UsersIcon className="mt-0.5 size-4 shrink-0" aria-hidden />
      <p>
        <strong className="font-semibold">{quorumProgress(by, needed)}.</strong>{" "}
        {approvedByYou
          ? `You approved it; ${left === 1 ? "one more reviewer" : `${left} more reviewers`} must approve before it goes ahead.`
          : left === 1
            ? "Your approval completes it; a rejection ends it."
            : `It needs ${left} more distinct approvals; a rejection ends it.`}
      </p>
    </div>
  );
}
