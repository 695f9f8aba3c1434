import { cn } from "@/lib/utils";

/** The agent's self-reported confidence (0..1) as a labelled bar. */
export function ConfidenceMeter({ value, className }: { value: number; className?: string }) {
  const pct = Math.round(Math.max(0, Math.min(1, value)) * 100);
  const tone = pct < 50 ? "bg-destructive" : pct < 70 ? "bg-warning" : "bg-success";
  const word = pct < 50 ? "Low" : pct < 70 ? "Medium" : "High";
  return (
    <div className={cn("grid gap-1.5", className)}>
      <div className="flex items-baseline justify-between text-xs">
        <span className="text-muted-foreground">Agent confidence</span>
        <span className="font-medium tabular-nums">
          {pct}% <span className="font-normal text-muted-foreground">· {word}</span>
        </span>
      </div>
      <div
        role="meter"
        aria-label="Agent confidence"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={`${pct}%, ${word.toLowerCase()}`}
        className="h-1.5 overflow-hidden rounded-full bg-muted"
      >
        <div className={cn("h-full rounded-full transition-[width]", tone)} style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
