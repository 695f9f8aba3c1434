import { cn } from "@/lib/utils";

/** A settings block: heading and explanation on top, content below, optional action on the right. */
export function SettingsSection({
  title,
  description,
  action,
  children,
  className,
}: {
  title: string;
  description?: React.ReactNode;
  action?: React.ReactNode;
  children: React.ReactNode;
  className?: string;
}) {
  const id = `section-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  return (
    <section aria-labelledby={id} className={cn("grid gap-4", className)}>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div className="grid gap-1">
          <h2 id={id} className="text-base font-semibold">
            {title}
          </h2>
          {description && <p className="text-sm text-muted-foreground">{description}</p>}
        </div>
        {action && <div className="shrink-0">{action}</div>}
      </div>
      {children}
    </section>
  );
}

/** The "your role cannot see this" state of a settings page. */
export function NoAccess({ what }: { what: string }) {
  return (
    <div className="rounded-xl border border-dashed px-6 py-10 text-center text-sm text-muted-foreground">
      Only owners and admins can manage {what}. Ask one of them if you need a change.
    </div>
  );
}
