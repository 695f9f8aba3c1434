import { FileTextIcon } from "lucide-react";
import { cn } from "@/lib/utils";
import { detectPayload } from "./detect";
import { EmailView } from "./email-view";
import { JsonView } from "./json-view";
import { MarkdownView } from "./markdown-view";
import { RefundView } from "./refund-view";
import { TicketView } from "./ticket-view";
import { ToolCallView } from "./tool-call-view";

/** The proposed action or artifact of a task, rendered the way a person reads it. */
export function PayloadView({
  payload,
  workflow,
  schema,
  className,
}: {
  payload: unknown;
  workflow?: string | null;
  /** The task's schema: besides edits, it may say how to show the payload (an agent's tool call). */
  schema?: Record<string, unknown> | null;
  className?: string;
}) {
  const detected = detectPayload(payload, workflow, schema);
  switch (detected.kind) {
    case "email":
      return <EmailView email={detected.value} className={className} />;
    case "refund":
      return <RefundView refund={detected.value} className={className} />;
    case "ticket":
      return <TicketView value={detected.value} className={className} />;
    case "tool-call":
      return <ToolCallView call={detected.value} className={className} />;
    case "markdown":
      return (
        <article aria-label="Draft" className={cn("overflow-hidden rounded-lg border bg-card", className)}>
          {detected.value.topic && (
            <header className="flex items-center gap-2 border-b px-4 py-2.5 text-xs text-muted-foreground sm:px-5">
              <FileTextIcon className="size-3.5" aria-hidden />
              <span className="truncate">{detected.value.topic}</span>
              <span className="ml-auto">Markdown</span>
            </header>
          )}
          <MarkdownView source={detected.value.markdown} className="px-4 py-4 sm:px-6 sm:py-5" />
        </article>
      );
    default:
      return <JsonView value={detected.value} className={className} />;
  }
}
