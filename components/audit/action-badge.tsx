import { Badge } from "@/components/ui/badge";

const TONE: Array<[RegExp, "success" | "destructive" | "warning" | "secondary"]> = [
  [/\.(approved|completed|accepted|created|started)$/, "success"],
  [/\.(rejected|failed|cancelled|revoked|removed|expired)$/, "destructive"],
  [/\.(waiting)$/, "warning"],
  [/\.(edited|updated|responded|assigned|unassigned)/, "secondary"],
];

/** An audit action (`task.approved`) in monospace, tinted by what it means. */
export function ActionBadge({ action }: { action: string }) {
  const tone = TONE.find(([re]) => re.test(action))?.[1] ?? "outline";
  return (
    <Badge variant={tone} className="font-mono font-normal">
      {action}
    </Badge>
  );
}
