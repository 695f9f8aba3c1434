"use client";

import { useState } from "react";
import { CheckIcon, MessageSquareIcon, PencilIcon, XIcon } from "lucide-react";
import { PayloadView } from "@/components/payload/payload-view";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";

/** The resume route's body: what command.resume carries for one pending task. */
export interface Decision {
  action: "approve" | "edit" | "reject" | "respond";
  payload?: unknown;
  response?: string;
  comment?: string;
}

interface HitlRequest {
  title?: string;
  description?: string | null;
  question?: string | null;
  payload?: unknown;
  allowed?: Decision["action"][];
}

/**
 * One pending interrupt as LangGraph streams it ({id, value}); the value is the workflow's
 * request (lib/hitl). Answers go back as command.resume, keyed by the interrupt id.
 */
export function InterruptCard({
  interrupt,
  workflow,
  disabled,
  onDecide,
}: {
  interrupt: { id?: string; value?: unknown };
  workflow: string;
  disabled: boolean;
  onDecide: (decision: Decision) => void;
}) {
  const request = (interrupt.value ?? {}) as HitlRequest;
  const allowed = request.allowed ?? ["approve", "reject"];
  const [text, setText] = useState("");
  const [editing, setEditing] = useState(false);
  const [json, setJson] = useState(() => JSON.stringify(request.payload ?? {}, null, 2));
  const [jsonError, setJsonError] = useState<string | null>(null);

  const sendEdit = () => {
    try {
      onDecide({ action: "edit", payload: JSON.parse(json) });
    } catch (err) {
      setJsonError(`Not valid JSON: ${(err as Error).message}`);
    }
  };

  return (
    <section aria-label="Interrupt" className="grid gap-4 rounded-xl border border-warning/40 bg-warning/5 p-4 sm:p-6">
      <div className="grid gap-1">
        <h2 className="font-semibold">{request.title ?? "The agent asks for a decision"}</h2>
        {(request.question ?? request.description) && (
          <p className="text-sm text-muted-foreground">{request.question ?? request.description}</p>
        )}
        <p className="font-mono text-xs text-muted-foreground">interrupt {interrupt.id}</p>
      </div>
      {request.payload !== undefined && <PayloadView payload={request.payload} workflow={workflow} />}
      {editing ? (
        <div className="grid gap-2">
          <Label htmlFor="playground-edit">Edited payload (JSON)</Label>
          <Textarea
            id="playground-edit"
            className="font-mono text-xs"
            value={json}
            aria-invalid={jsonError ? true : undefined}
            onChange={(e) => {
              setJson(e.target.value);
              setJsonError(null);
            }}
          />
          {jsonError && <p className="text-sm text-destructive">{jsonError}</p>}
        </div>
      ) : (
        (allowed.includes("respond") || allowed.includes("reject")) && (
          <div className="grid gap-2">
            <Label htmlFor="playground-answer">{allowed.includes("respond") ? "Answer" : "Reason (for a rejection)"}</Label>
            <Textarea id="playground-answer" value={text} onChange={(e) => setText(e.target.value)} />
          </div>
        )
      )}
      <div className="flex flex-wrap justify-end gap-2">
        {allowed.includes("reject") && (
          <Button
            variant="outline"
            disabled={disabled}
            onClick={() => onDecide({ action: "reject", ...(text.trim() ? { comment: text.trim() } : {}) })}
          >
            <XIcon /> Reject
          </Button>
        )}
        {allowed.includes("edit") &&
          (editing ? (
            <Button variant="outline" disabled={disabled} onClick={sendEdit}>
              <PencilIcon /> Send edit
            </Button>
          ) : (
            <Button variant="outline" disabled={disabled} onClick={() => setEditing(true)}>
              <PencilIcon /> Edit
            </Button>
          ))}
        {allowed.includes("respond") && (
          <Button disabled={disabled || !text.trim()} onClick={() => onDecide({ action: "respond", response: text.trim() })}>
            <MessageSquareIcon /> Send answer
          </Button>
        )}
        {allowed.includes("approve") && (
          <Button disabled={disabled} onClick={() => onDecide({ action: "approve" })}>
            <CheckIcon /> Approve
          </Button>
        )}
      </div>
    </section>
  );
}
