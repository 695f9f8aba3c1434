import { EyeIcon } from "lucide-react";

/** Shown instead of the decision controls to members who may look but not decide. */
export function ReadOnlyNote({ role, queue }: { role: string; queue: string }) {
  return (
    <p className="flex items-start gap-2 rounded-lg border bg-muted/30 px-3 py-2.5 text-sm text-muted-foreground">
      <EyeIcon className="mt-0.5 size-4 shrink-0" aria-hidden />
      <span>
        Read-only: as a <strong className="font-medium text-foreground">{role}</strong> you can see this task but not decide tasks in the{" "}
        <strong className="font-medium text-foreground">{queue}</strong> queue.
      </span>
    </p>
  );
}
