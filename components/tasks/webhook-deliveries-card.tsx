import { Badge } from "@/components/ui/badge";
import { formatDateTime, formatRelative } from "@/lib/format";
import { ResendWebhookButton } from "./resend-webhook-button";

export interface WebhookDeliveryView {
  id: string;
  type: string;
  url: string;
  status: "pending" | "delivered" | "failed";
  attempts: Array<{ at: string; statusCode: number | null; error: string | null; durationMs: number }>;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
}

const STATUS_VARIANT = { delivered: "success", pending: "warning", failed: "destructive" } as const;

/** The task's webhook events and their delivery log: every attempt, its answer, the next retry. */
export function WebhookDeliveriesCard({
  taskId,
  deliveries,
  canResend,
}: {
  taskId: string;
  deliveries: WebhookDeliveryView[];
  canResend: boolean;
}) {
  return (
    <section aria-labelledby="webhook-deliveries" className="grid gap-3 rounded-xl border bg-card p-4" data-testid="webhook-deliveries">
      <h2 id="webhook-deliveries" className="text-xs font-medium tracking-wide text-muted-foreground uppercase">
        Webhook
      </h2>
      {deliveries.map((d) => (
        <div key={d.id} className="grid gap-2 text-sm" data-event-id={d.id}>
          <div className="flex flex-wrap items-center gap-2">
            <code className="font-mono text-xs">{d.type}</code>
            <Badge variant={STATUS_VARIANT[d.status]} className="capitalize">
              {d.status}
            </Badge>
          </div>
          <p className="truncate text-xs text-muted-foreground" title={d.url}>
            {d.url}
          </p>
          <ol className="grid gap-1 text-xs" aria-label={`Attempts for ${d.type}`}>
            {d.attempts.map((a, i) => (
              <li key={a.at + i} className="flex flex-wrap gap-x-2">
                <time dateTime={a.at} title={formatDateTime(a.at)} className="text-muted-foreground">
                  #{i + 1} {formatRelative(a.at)}
                </time>
                <span className={a.error ? "text-destructive" : undefined}>
                  {a.statusCode ?? "no answer"}
                  {a.error && a.statusCode === null ? ` — ${a.error}` : ""}
                </span>
                <span className="text-muted-foreground">{a.durationMs} ms</span>
              </li>
            ))}
            {d.attempts.length === 0 && <li className="text-muted-foreground">No attempt yet.</li>}
          </ol>
          {d.status === "pending" && d.nextAttemptAt && (
            <p className="text-xs text-muted-foreground">
              Next attempt <time dateTime={d.nextAttemptAt}>{formatRelative(d.nextAttemptAt)}</time>
            </p>
          )}
          {canResend && <ResendWebhookButton taskId={taskId} eventId={d.id} />}
        </div>
      ))}
    </section>
  );
}
