"use client";

import { useState } from "react";
import { useStream } from "@langchain/langgraph-sdk/react";
import { Loader2Icon, PlayIcon, RotateCcwIcon } from "lucide-react";
import { emptyValue, JsonSchemaForm, validateJsonSchema, type FormErrors, type JsonSchema } from "@/components/forms/json-schema-form";
import { JsonView } from "@/components/json/json-view";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { InterruptCard, type Decision } from "./interrupt-card";

type Values = Record<string, unknown> & { output?: unknown; __interrupt__?: unknown };

/**
 * A workflow run from the browser with LangGraph's own React hook, `useStream`, against this
 * server's LangGraph Platform API (/api/langgraph, same origin, signed-in session: no key in
 * the page). The interrupt is answered with command.resume, which records the decision through
 * the same service as the review queues.
 */
export function Playground({ workflow, canStart }: { workflow: { id: string; name: string; inputSchema: JsonSchema }; canStart: boolean }) {
  const [apiUrl] = useState(() =>
    typeof window === "undefined" ? "http://localhost/api/langgraph" : `${window.location.origin}/api/langgraph`,
  );
  const [threadId, setThreadId] = useState<string | null>(null);
  const [input, setInput] = useState<unknown>(() => emptyValue(workflow.inputSchema));
  const [errors, setErrors] = useState<FormErrors>({});
  const stream = useStream<Values>({ apiUrl, assistantId: workflow.id, threadId, onThreadId: setThreadId });

  const interrupts = stream.interrupts.filter((i): i is { id?: string; value?: unknown } => "value" in i);
  const { __interrupt__: _pending, ...values } = (stream.values ?? {}) as Values;
  const started = threadId !== null;
  const done = started && !stream.isLoading && interrupts.length === 0 && values.output != null;
  const status = stream.isLoading
    ? "Running"
    : interrupts.length > 0
      ? "Waiting for your decision"
      : done
        ? "Completed"
        : started
          ? "Idle"
          : "Not started";

  const start = (e: React.FormEvent) => {
    e.preventDefault();
    const errs = validateJsonSchema(workflow.inputSchema, input);
    setErrors(errs);
    if (Object.keys(errs).length > 0) return;
    void stream.submit(input as Values, { streamMode: ["values", "updates"] });
  };
  const decide = (interruptId: string | undefined, decision: Decision) =>
    void stream.submit(null, {
      command: { resume: interruptId ? { [interruptId]: decision } : decision },
      streamMode: ["values", "updates"],
    });

  return (
    <div className="grid gap-6">
      {!started ? (
        <form
          onSubmit={start}
          noValidate
          className="grid gap-4 rounded-xl border bg-card p-4 sm:p-6"
          aria-label={`Input for ${workflow.name}`}
        >
          <JsonSchemaForm
            schema={workflow.inputSchema}
            value={input}
            onChange={setInput}
            errors={errors}
            disabled={!canStart}
            idPrefix="playground"
          />
          <div className="flex items-center justify-end gap-3">
            {!canStart && <p className="text-sm text-muted-foreground">Your role can view workflows but not start runs.</p>}
            <Button type="submit" disabled={!canStart || stream.isLoading}>
              <PlayIcon /> Start with useStream
            </Button>
          </div>
        </form>
      ) : (
        <div className="flex flex-wrap items-center justify-between gap-3 rounded-xl border bg-card p-4 text-sm">
          <div className="grid gap-1">
            <span className="text-muted-foreground">
              Thread{" "}
              <code data-testid="thread-id" className="font-mono text-xs">
                {threadId}
              </code>
            </span>
          </div>
          <div className="flex items-center gap-2">
            <Badge variant={done ? "success" : interrupts.length > 0 ? "warning" : "secondary"} role="status" aria-label="Thread status">
              {stream.isLoading && <Loader2Icon className="animate-spin motion-reduce:animate-none" aria-hidden />}
              {status}
            </Badge>
            <Button variant="outline" size="sm" disabled={stream.isLoading} onClick={() => setThreadId(null)}>
              <RotateCcwIcon /> New thread
            </Button>
          </div>
        </div>
      )}
      {stream.error != null && (
        <p role="alert" className="rounded-lg border border-destructive/40 bg-destructive/10 p-3 text-sm text-destructive">
          {stream.error instanceof Error ? stream.error.message : String(stream.error)}
        </p>
      )}
      {!stream.isLoading &&
        interrupts.map((i) => (
          <InterruptCard
            key={i.id ?? "interrupt"}
            interrupt={i}
            workflow={workflow.id}
            disabled={stream.isLoading}
            onDecide={(d) => decide(i.id, d)}
          />
        ))}
      {values.output != null && (
        <section aria-label="Output" className="grid gap-2">
          <h2 className="text-sm font-medium">Output</h2>
          <JsonView value={values.output} label="Run output" />
        </section>
      )}
      {started && (
        <section aria-label="State" className="grid gap-2">
          <h2 className="text-sm font-medium">Graph state (streamed values)</h2>
          <JsonView value={values} expandDepth={1} label="Graph state" />
        </section>
      )}
    </div>
  );
}
