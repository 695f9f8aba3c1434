import { BanIcon, CheckIcon, ClockIcon, MessageSquareReplyIcon, PencilIcon, XIcon, type LucideIcon } from "lucide-react";
import { PayloadDiff } from "@/components/diff/payload-diff";
import { PayloadView } from "@/components/payload/payload-view";
import { formatDateTime, formatRelative } from "@/lib/format";
import { cn } from "@/lib/utils";
import { ACTION_LABEL, type DecisionView, type Task, type TaskAction } from "./types";

const ICON: Record<TaskAction, { icon: LucideIcon; tone: string }> = {
  approve: { icon: CheckIcon, tone: "bg-success/15 text-success" },
  edit: { icon: PencilIcon, tone: "bg-success/15 text-success" },
  reject: { icon: XIcon, tone: "bg-destructive/10 text-destructive" },
  respond: { icon: MessageSquareReplyIcon, tone: "bg-primary/10 text-foreground" },
};

/**
 * A task that is no longer pending: who decided what and when, with the reason, the answer or
 * the edit. Someone else's decision is said so plainly; it is not an error.
 */
export function DecisionSummary({
  task,
  decision,
  labels,
}: {
  task: Task;
  decision: DecisionView | null;
  labels?: Record<string, string>;
}) {
  if (!decision) {
    const Icon = task.status === "expired" ? ClockIcon : BanIcon;
    return (
      <section aria-label="Outcome" className="flex items-start gap-3 rounded-xl border bg-muted/30 p-4">
        <Icon className="mt-0.5 size-4 text-muted-foreground" aria-hidden />
        <p className="text-sm">
          This task was <strong className="font-medium">{task.status}</strong>
          {task.status === "cancelled" ? " (its run was cancelled)" : ""} and can no longer be decided.
        </p>
      </section>
    );
  }
  const expired = task.status === "expired";
  const { icon: Icon, tone } = expired ? { icon: ClockIcon, tone: "bg-muted text-muted-foreground" } : ICON[decision.action];
  const who = decision.byCurrentUser ? "You" : decision.by;
  const headline = expired ? (
    <>
      This task <strong className="font-semibold">expired</strong>: no one decided it before its due date, so it was{" "}
      {ACTION_LABEL[decision.action].past}{" "}
    </>
  ) : (
    <>
      <strong className="font-semibold">{who}</strong> {ACTION_LABEL[decision.action].past} this task{" "}
    </>
  );
  return (
    <section aria-label="Decision" data-testid="decision-summary" className="grid gap-4 rounded-xl border bg-card p-4 sm:p-5">
      <div className="flex items-start gap-3">
        <span className={cn("grid size-8 shrink-0 place-items-center rounded-full", tone)}>
          <Icon className="size-4" aria-hidden />
        </span>
        <div className="grid gap-0.5">
          {!decision.byCurrentUser && !expired && <p className="text-xs font-medium text-muted-foreground">Decided by someone else</p>}
          <p className="text-sm">
            {headline}
            <time dateTime={decision.at} title={formatDateTime(decision.at)} className="text-muted-foreground">
              {formatRelative(decision.at)}
            </time>
            .
          </p>
        </div>
      </div>
      {decision.comment && !expired && (
        <Quote label={decision.action === "reject" ? "Reason" : "Comment"} testId="decision-comment">
          {decision.comment}
        </Quote>
      )}
      {decision.response && (
        <Quote label="Answer" testId="decision-response">
          {decision.response}
        </Quote>
      )}
      {decision.action === "edit" && decision.payload !== undefined && (
        <div className="grid gap-3">
          <h3 className="text-xs font-medium text-muted-foreground">What changed</h3>
          <PayloadDiff original={task.payload} edited={decision.payload} labels={labels} />
          <details className="text-sm">
            <summary className="cursor-pointer text-xs text-muted-foreground hover:text-foreground">Edited version in full</summary>
            <PayloadView payload={decision.payload} workflow={task.workflow} schema={task.schema} className="mt-2" />
          </details>
        </div>
      )}
    </section>
  );
}

function Quote({ label, testId, children }: { label: string; testId: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1">
      <p className="text-xs font-medium text-muted-foreground">{label}</p>
      <blockquote data-testid={testId} className="border-l-2 pl-3 text-sm break-words whitespace-pre-wrap">
        {children}
      </blockquote>
    </div>
  );
}
