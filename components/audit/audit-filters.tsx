import Link from "next/link";
import { FilterIcon, XIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { cn } from "@/lib/utils";

export type AuditFormValues = Partial<Record<"actor" | "action" | "subjectType" | "subject" | "from" | "to", string>>;

const ACTIONS = [
  "task.",
  "task.approved",
  "task.edited",
  "task.rejected",
  "task.responded",
  "task.created",
  "task.assigned",
  "task.expired",
  "run.",
  "run.started",
  "run.waiting",
  "run.completed",
  "run.failed",
  "run.cancelled",
  "member.",
  "invitation.",
  "apikey.",
  "team.",
];
const SUBJECT_TYPES = ["task", "run", "membership", "invitation", "api_key", "queue", "team"];

/**
 * The audit filters as a plain GET form: applying it changes the URL, so every filtered view
 * is linkable and works without JavaScript.
 */
export function AuditFilters({ values, actors }: { values: AuditFormValues; actors: Array<{ id: string; label: string }> }) {
  const active = Object.values(values).some(Boolean);
  return (
    <form
      method="get"
      action="/audit"
      role="search"
      aria-label="Filter the audit history"
      className="grid gap-3 rounded-xl border bg-card p-4"
    >
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-3">
        <Field label="Actor" htmlFor="audit-actor" className="col-span-2 sm:col-span-1">
          <NativeSelect id="audit-actor" name="actor" defaultValue={values.actor ?? ""} className="w-full">
            <option value="">Anyone</option>
            {actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
          </NativeSelect>
        </Field>
        <Field label="Action" htmlFor="audit-action" hint="A prefix: task. matches every task event" className="col-span-2 sm:col-span-1">
          <Input
            id="audit-action"
            name="action"
            list="audit-actions"
            defaultValue={values.action ?? ""}
            placeholder="e.g. task.approved"
            autoComplete="off"
          />
          <datalist id="audit-actions">
            {ACTIONS.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </Field>
        <Field label="Subject" htmlFor="audit-subject" className="col-span-2 lg:col-span-1">
          <div className="flex gap-2">
            <NativeSelect aria-label="Subject type" name="subjectType" defaultValue={values.subjectType ?? ""} className="w-32 shrink-0">
              <option value="">Any type</option>
              {SUBJECT_TYPES.map((t) => (
                <option key={t} value={t}>
                  {t.replace("_", " ")}
                </option>
              ))}
            </NativeSelect>
            <Input id="audit-subject" name="subject" defaultValue={values.subject ?? ""} placeholder="Id, e.g. task_…" autoComplete="off" />
          </div>
        </Field>
        <Field label="From (UTC)" htmlFor="audit-from">
          <Input id="audit-from" name="from" type="date" defaultValue={values.from ?? ""} />
        </Field>
        <Field label="To (UTC, inclusive)" htmlFor="audit-to">
          <Input id="audit-to" name="to" type="date" defaultValue={values.to ?? ""} />
        </Field>
        <div className="col-span-2 flex items-end gap-2 lg:col-span-1">
          <Button type="submit" size="sm" className="h-9">
            <FilterIcon />
            Apply filters
          </Button>
          {active && (
            <Button asChild variant="ghost" size="sm" className="h-9">
              <Link href="/audit">
                <XIcon />
                Clear
              </Link>
            </Button>
          )}
        </div>
      </div>
    </form>
  );
}

function Field({
  label,
  htmlFor,
  hint,
  className,
  children,
}: {
  label: string;
  htmlFor: string;
  hint?: string;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div className={cn("grid min-w-0 content-start gap-1.5", className)}>
      <Label htmlFor={htmlFor} className="text-xs text-muted-foreground">
        {label}
      </Label>
      {children}
      {hint && <p className="hidden text-[11px] text-muted-foreground sm:block">{hint}</p>}
    </div>
  );
}
