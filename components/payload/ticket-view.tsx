import { LifeBuoyIcon } from "lucide-react";
import { cn } from "@/lib/utils";

export interface TicketPayload {
  ticket: { subject: string; body: string };
  guess?: { category?: string; confidence?: number };
}

/** A support ticket an agent asks about: the customer's message and the agent's guess. */
export function TicketView({ value, className }: { value: TicketPayload; className?: string }) {
  const { ticket, guess } = value;
  return (
    <article aria-label="Support ticket" className={cn("overflow-hidden rounded-lg border bg-card", className)}>
      <header className="flex items-start gap-3 border-b px-4 py-3 sm:px-5">
        <LifeBuoyIcon className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden />
        <div className="grid min-w-0 gap-0.5">
          <p className="text-xs text-muted-foreground">Customer ticket</p>
          <h3 className="font-semibold break-words">{ticket.subject}</h3>
        </div>
      </header>
      <p className="px-4 py-4 text-sm leading-relaxed break-words whitespace-pre-wrap sm:px-5">{ticket.body}</p>
      {guess?.category && (
        <p className="border-t bg-muted/30 px-4 py-2.5 text-xs text-muted-foreground sm:px-5">
          Agent&apos;s guess: <span className="font-medium text-foreground">{guess.category}</span>
          {typeof guess.confidence === "number" && ` (${Math.round(guess.confidence * 100)}% sure)`}
        </p>
      )}
    </article>
  );
}
