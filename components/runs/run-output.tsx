import { MailCheckIcon, MailXIcon } from "lucide-react";
import { JsonView } from "@/components/json/json-view";

type OutreachOutput = { sent: Array<{ to: string; subject: string }>; rejected: string[] };

function isOutreachOutput(value: unknown): value is OutreachOutput {
  const v = value as Partial<OutreachOutput> | null;
  return Boolean(v) && Array.isArray(v!.sent) && Array.isArray(v!.rejected);
}

function Stat({ icon: Icon, label, value, tone }: { icon: typeof MailCheckIcon; label: string; value: number; tone: string }) {
  return (
    <div className="flex items-center gap-3 rounded-lg border bg-card px-4 py-3">
      <Icon aria-hidden className={`size-5 ${tone}`} />
      <div>
        <div className="text-xl leading-none font-semibold tabular-nums">{value}</div>
        <div className="mt-1 text-xs text-muted-foreground">{label}</div>
      </div>
    </div>
  );
}

/** A run's output: a summary for workflows that have one (email outreach), then the JSON. */
export function RunOutput({ workflow, output }: { workflow: string; output: unknown }) {
  return (
    <div className="grid gap-3">
      {workflow === "email-outreach" && isOutreachOutput(output) && (
        <div className="grid grid-cols-2 gap-3" data-testid="outreach-summary">
          <Stat icon={MailCheckIcon} label="Emails sent" value={output.sent.length} tone="text-success" />
          <Stat icon={MailXIcon} label="Drafts rejected" value={output.rejected.length} tone="text-destructive" />
        </div>
      )}
      <JsonView value={output} label="Run output" expandDepth={2} copyable />
    </div>
  );
}
