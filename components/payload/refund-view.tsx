import { ReceiptTextIcon } from "lucide-react";
import { cn } from "@/lib/utils";

export interface RefundPayload {
  amount: number;
  currency: string;
  orderId?: string;
  customerEmail?: string;
  reason?: string;
}

export function formatMoney(amount: number, currency: string) {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}

/** A refund: the amount first, then what it is for and why. */
export function RefundView({ refund, className }: { refund: RefundPayload; className?: string }) {
  return (
    <article aria-label="Refund" className={cn("overflow-hidden rounded-lg border bg-card", className)}>
      <div className="flex items-start justify-between gap-4 border-b px-4 py-4 sm:px-5">
        <div className="grid gap-1">
          <p className="text-xs font-medium tracking-wide text-muted-foreground uppercase">Refund</p>
          <p className="text-3xl font-semibold tracking-tight tabular-nums" data-testid="refund-amount">
            {formatMoney(refund.amount, refund.currency)}
          </p>
          <p className="text-xs text-muted-foreground">{refund.currency.toUpperCase()}</p>
        </div>
        <ReceiptTextIcon className="size-5 text-muted-foreground" aria-hidden />
      </div>
      <dl className="grid gap-x-6 gap-y-3 px-4 py-4 text-sm sm:grid-cols-2 sm:px-5">
        <Field label="Order" value={refund.orderId} mono />
        <Field label="Customer" value={refund.customerEmail} />
        <Field label="Reason" value={refund.reason} className="sm:col-span-2" />
      </dl>
    </article>
  );
}

function Field({ label, value, mono, className }: { label: string; value?: string; mono?: boolean; className?: string }) {
  return (
    <div className={cn("grid gap-0.5", className)}>
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className={cn("break-words whitespace-pre-wrap", mono && "font-mono text-[0.8rem]", !value && "text-muted-foreground")}>
        {value || "—"}
      </dd>
    </div>
  );
}
