import { BotIcon } from "lucide-react";
import { ConfidenceMeter } from "./confidence-meter";

/** A clarification's question, the way the agent asked it. */
export function TaskQuestion({ question, confidence }: { question: string; confidence: number | null }) {
  return (
    <section aria-labelledby="agent-question" className="grid gap-3 rounded-xl border border-primary/15 bg-muted/40 p-4 sm:p-5">
      <div className="flex items-start gap-3">
        <span className="grid size-8 shrink-0 place-items-center rounded-full bg-background shadow-xs">
          <BotIcon className="size-4" aria-hidden />
        </span>
        <div className="grid gap-1">
          <h2 id="agent-question" className="text-xs font-medium text-muted-foreground">
            The agent asks
          </h2>
          <p className="text-base leading-relaxed break-words whitespace-pre-line">{question}</p>
        </div>
      </div>
      {confidence !== null && <ConfidenceMeter value={confidence} className="sm:ml-11 sm:max-w-xs" />}
    </section>
  );
}
