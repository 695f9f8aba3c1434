"use client";

import { useId, useState } from "react";
import { Loader2Icon, SendIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Kbd } from "@/components/ui/kbd";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";

/** A past answer to the same question (lib/answers): one click puts it in the box. */
export interface AnswerSuggestion {
  id: string;
  response: string;
  uses: number;
}

/** The answer box of a clarification: the text goes back to the agent as its context. */
export function AnswerForm({
  pending,
  onSend,
  extra,
  suggestions = [],
  label = "Answer the agent",
  submitLabel = "Send answer",
}: {
  pending: boolean;
  onSend: (answer: string) => void;
  extra?: React.ReactNode;
  suggestions?: AnswerSuggestion[];
  label?: string;
  submitLabel?: string;
}) {
  const id = useId();
  const [answer, setAnswer] = useState("");
  const [error, setError] = useState<string | null>(null);
  const send = () => {
    if (pending) return;
    if (!answer.trim()) return setError("Write an answer for the agent first.");
    onSend(answer.trim());
  };
  return (
    <form
      aria-label={label}
      noValidate
      className="grid gap-3 rounded-xl border bg-card p-4 sm:p-5"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      {suggestions.length > 0 && (
        <div role="group" aria-labelledby={`${id}-past`} className="grid gap-2" data-testid="answer-suggestions">
          <p id={`${id}-past`} className="text-xs font-medium text-muted-foreground">
            Past answers to this question
          </p>
          <div className="flex flex-wrap gap-2">
            {suggestions.map((s) => (
              <Button
                key={s.id}
                type="button"
                size="sm"
                variant="outline"
                disabled={pending}
                title={s.response}
                className="h-auto max-w-full py-1 text-left whitespace-normal"
                onClick={() => {
                  setAnswer(s.response);
                  setError(null);
                }}
              >
                <span className="line-clamp-2">{s.response}</span>
                <span className="text-xs text-muted-foreground">
                  ×{s.uses}
                  <span className="sr-only"> times given</span>
                </span>
              </Button>
            ))}
          </div>
        </div>
      )}
      <Label htmlFor={`${id}-answer`}>Your answer</Label>
      <Textarea
        id={`${id}-answer`}
        rows={4}
        value={answer}
        disabled={pending}
        placeholder="Answer the agent’s question in plain words."
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-err` : `${id}-hint`}
        onChange={(e) => {
          setAnswer(e.target.value);
          if (error) setError(null);
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) {
            e.preventDefault();
            send();
          }
        }}
      />
      {error ? (
        <p id={`${id}-err`} role="alert" className="text-xs text-destructive">
          {error}
        </p>
      ) : (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          The agent continues with your answer in its context. <Kbd>Ctrl</Kbd> + <Kbd>Enter</Kbd> sends.
        </p>
      )}
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        {extra}
        <Button type="submit" disabled={pending}>
          {pending ? <Loader2Icon className="animate-spin" /> : <SendIcon />}
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
