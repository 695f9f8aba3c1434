import { WrenchIcon } from "lucide-react";
import { cn } from "@/lib/utils";
import { JsonView } from "./json-view";

export interface ToolCallPayload {
  tool: string;
  args: Record<string, unknown>;
  /** What each argument means, from the tool's args schema (`description`, else `title`). */
  labels: Record<string, string>;
}

/** A tool call an agent wants to make: the tool's name, then each argument with what it means. */
export function ToolCallView({ call, className }: { call: ToolCallPayload; className?: string }) {
  const entries = Object.entries(call.args);
  return (
    <article aria-label={`Tool call ${call.tool}`} className={cn("overflow-hidden rounded-lg border bg-card", className)}>
      <header className="flex items-center gap-2 border-b px-4 py-3 sm:px-5">
        <WrenchIcon className="size-4 shrink-0 text-muted-foreground" aria-hidden />
        <p className="text-xs font-medium tracking-wide text-muted-foreground uppercase">Tool call</p>
        <code data-testid="tool-name" className="min-w-0 truncate rounded bg-muted px-1.5 py-0.5 font-mono text-sm">
          {call.tool}
        </code>
      </header>
      {entries.length === 0 ? (
        <p className="px-4 py-4 text-sm text-muted-foreground sm:px-5">No arguments.</p>
      ) : (
        <dl className="divide-y text-sm" aria-label="Arguments">
          {entries.map(([name, value]) => (
            <div key={name} className="grid gap-1 px-4 py-3 sm:grid-cols-[12rem_minmax(0,1fr)] sm:gap-4 sm:px-5">
              <dt className="grid content-start gap-0.5">
                <span className="font-mono text-[0.8rem]">{name}</span>
                {call.labels[name] && <span className="text-xs text-muted-foreground">{call.labels[name]}</span>}
              </dt>
              <dd data-testid={`tool-arg-${name}`} className="min-w-0 break-words whitespace-pre-wrap">
                <ArgValue value={value} />
              </dd>
            </div>
          ))}
        </dl>
      )}
    </article>
  );
}

function ArgValue({ value }: { value: unknown }) {
  if (typeof value === "string") return <>{value || <span className="text-muted-foreground italic">(empty)</span>}</>;
  if (typeof value === "number" || typeof value === "boolean" || value === null) {
    return <span className="font-mono tabular-nums">{String(value)}</span>;
  }
  return <JsonView value={value} openDepth={1} />;
}
