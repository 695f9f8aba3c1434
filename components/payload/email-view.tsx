import { MailIcon } from "lucide-react";
import { cn } from "@/lib/utils";

export interface EmailPayload {
  to: string;
  subject: string;
  body: string;
  cc?: string;
}

/** A drafted email, laid out like a message in a mail client. */
export function EmailView({ email, className }: { email: EmailPayload; className?: string }) {
  const initial = email.to.trim().charAt(0).toUpperCase() || "?";
  return (
    <article aria-label="Email draft" className={cn("overflow-hidden rounded-lg border bg-card", className)}>
      <header className="grid gap-3 border-b px-4 py-3 sm:px-5">
        <h3 className="text-base font-semibold tracking-tight break-words">
          {email.subject || <span className="text-muted-foreground italic">(no subject)</span>}
        </h3>
        <div className="flex min-w-0 items-center gap-3">
          <span
            aria-hidden
            className="grid size-8 shrink-0 place-items-center rounded-full bg-muted text-xs font-medium text-muted-foreground"
          >
            {initial}
          </span>
          <dl className="grid min-w-0 grid-cols-[auto_1fr] gap-x-2 text-sm">
            <dt className="text-muted-foreground">To</dt>
            <dd className="truncate font-medium">{email.to}</dd>
            {email.cc && (
              <>
                <dt className="text-muted-foreground">Cc</dt>
                <dd className="truncate">{email.cc}</dd>
              </>
            )}
          </dl>
          <MailIcon className="ml-auto size-4 shrink-0 text-muted-foreground" aria-hidden />
        </div>
      </header>
      <div className="px-4 py-4 text-sm leading-relaxed break-words whitespace-pre-wrap sm:px-5">{email.body}</div>
    </article>
  );
}
