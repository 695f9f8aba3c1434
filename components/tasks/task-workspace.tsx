"use client";

import { useMemo, useRef, useState, useSyncExternalStore } from "react";
import { TriangleAlertIcon, XIcon } from "lucide-react";
import { toast } from "sonner";
import { PayloadDiff } from "@/components/diff/payload-diff";
import { jsonChanges } from "@/components/diff/json-changes";
import { validateJsonSchema, type FormErrors, type JsonSchema } from "@/components/forms/json-schema-form";
import { Button } from "@/components/ui/button";
import { Kbd } from "@/components/ui/kbd";
import { AnswerForm, type AnswerSuggestion } from "./answer-form";
import { DecisionDialog } from "./decision-dialog";
import { DecisionToolbar } from "./decision-toolbar";
import { EditPanel } from "./edit-panel";
import { schemaLabels, splitEditSchema, withFixed, withoutKeys } from "./edit-schema";
import type { DecideOutcome, Task } from "./types";
import { failuresToErrors, useDecide } from "./use-decide";
import { useTaskShortcuts } from "./use-task-shortcuts";

type Dialog = "approve" | "reject" | "edit" | null;
const noSubscribe = () => () => {};
type Conflict = Extract<DecideOutcome, { outcome: "conflict" }>;

/** The interactive part of a pending task: decide, edit with a diff, answer, keyboard. */
export function TaskWorkspace({
  task,
  payloadView,
  initialEdit,
  answerSuggestions,
}: {
  task: Task;
  payloadView: React.ReactNode;
  initialEdit: boolean;
  /** Past answers to the same question in this workflow (clarifications). */
  answerSuggestions?: AnswerSuggestion[];
}) {
  const allowed = task.allowed;
  const { editable, fixed } = useMemo(() => splitEditSchema(task.schema as JsonSchema | null, task.payload), [task.schema, task.payload]);
  const labels = useMemo(() => schemaLabels(task.schema as JsonSchema | null), [task.schema]);
  const pristine = useMemo(
    () =>
      withoutKeys(
        task.payload,
        fixed.map((f) => f.key),
      ),
    [task.payload, fixed],
  );

  const [mode, setMode] = useState<"view" | "edit">(initialEdit && allowed.includes("edit") ? "edit" : "view");
  const [dialog, setDialog] = useState<Dialog>(null);
  const [draft, setDraft] = useState<unknown>(() => structuredClone(pristine));
  const [errors, setErrors] = useState<FormErrors>({});
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const { decide, pending } = useDecide(task);
  const editButton = useRef<HTMLButtonElement>(null);
  const editArea = useRef<HTMLDivElement>(null);
  // Marks the moment shortcuts work (after hydration): e2e specs and slow devices wait for it.
  const ready = useSyncExternalStore(
    noSubscribe,
    () => true,
    () => false,
  );

  const edited = useMemo(() => withFixed(draft, fixed), [draft, fixed]);
  const dirty = useMemo(() => jsonChanges(task.payload, edited).length > 0, [task.payload, edited]);
  const closed = conflict !== null;

  const send = async (input: Parameters<typeof decide>[0]) => {
    const outcome = await decide(input);
    if (outcome?.outcome === "conflict") {
      setDialog(null);
      setConflict(outcome);
    } else if (outcome?.outcome === "invalid") {
      setDialog(null);
      setMode("edit");
      setErrors(failuresToErrors(outcome.failures));
    } else if (!outcome) setDialog(null);
  };

  const startEdit = () => {
    setMode("edit");
    requestAnimationFrame(() => editArea.current?.querySelector<HTMLElement>("input:not([disabled]), textarea, [role=combobox]")?.focus());
  };
  const cancelEdit = () => {
    setMode("view");
    setErrors({});
    requestAnimationFrame(() => editButton.current?.focus());
  };
  const review = () => {
    const found = validateJsonSchema(editable, draft);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      requestAnimationFrame(() => editArea.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    if (!dirty) {
      toast.info("Nothing has changed yet", { description: "Change a field, or approve the proposal as it is." });
      return;
    }
    setDialog("edit");
  };
  const onAction = (action: "approve" | "edit" | "reject") => (action === "edit" ? startEdit() : setDialog(action));

  useTaskShortcuts(
    {
      a: allowed.includes("approve") && mode === "view" ? () => setDialog("approve") : undefined,
      e: allowed.includes("edit") && mode === "view" ? startEdit : undefined,
      r: allowed.includes("reject") ? () => setDialog("reject") : undefined,
      Escape: mode === "edit" ? cancelEdit : undefined,
    },
    !pending && !closed,
  );

  const clarification = task.kind === "clarification";
  const canRespond = allowed.includes("respond");
  const hasToolbar = allowed.includes("approve") || allowed.includes("edit");
  return (
    <div className="flex flex-col gap-4" data-testid="task-workspace" data-ready={ready || undefined}>
      {conflict && (
        <div role="alert" className="flex items-start gap-3 rounded-xl border border-warning/50 bg-warning/10 p-4 text-sm">
          <TriangleAlertIcon className="mt-0.5 size-4 shrink-0" aria-hidden />
          {conflict.changed ? (
            <p>This task changed while you were looking at it. Your decision was not recorded; loading the current version…</p>
          ) : (
            <p>
              {conflict.by ? <strong className="font-semibold">{conflict.by}</strong> : "Someone"} decided this task while you were looking
              at it. Your decision was not recorded; loading what happened…
            </p>
          )}
        </div>
      )}
      {mode === "edit" ? (
        <div ref={editArea} className="grid gap-2">
          <div className="flex items-center justify-between gap-2">
            <h2 className="text-sm font-medium">Edit the proposal</h2>
            <Button variant="ghost" size="icon-sm" onClick={cancelEdit} aria-label="Stop editing">
              <XIcon />
            </Button>
          </div>
          <EditPanel
            editable={editable}
            fixed={fixed}
            value={draft}
            onChange={setDraft}
            errors={errors}
            dirty={dirty}
            pending={pending}
            onReview={review}
            onReset={() => {
              setDraft(structuredClone(pristine));
              setErrors({});
            }}
            onCancel={cancelEdit}
          />
        </div>
      ) : (
        <>
          <div className="flex items-center justify-between gap-2 max-sm:order-first">
            <h2 className="text-sm font-medium">{clarification ? "What the agent is looking at" : "Proposed action"}</h2>
            {hasToolbar && (
              <p className="hidden text-xs text-muted-foreground lg:block">
                <Kbd>A</Kbd> approve · <Kbd>E</Kbd> edit · <Kbd>R</Kbd> reject
              </p>
            )}
          </div>
          {payloadView}
          {canRespond && (
            <AnswerForm
              pending={pending}
              suggestions={answerSuggestions}
              onSend={(response) => send({ action: "respond", response })}
              extra={
                !hasToolbar &&
                allowed.includes("reject") && (
                  <Button
                    type="button"
                    variant="outline"
                    disabled={pending || closed}
                    onClick={() => setDialog("reject")}
                    aria-keyshortcuts="r"
                  >
                    Close without answer
                    <Kbd className="hidden sm:inline-flex">R</Kbd>
                  </Button>
                )
              }
            />
          )}
          {(hasToolbar || !canRespond) && (
            <DecisionToolbar allowed={allowed} disabled={pending || closed} onAction={onAction} editButtonRef={editButton} />
          )}
        </>
      )}

      <DecisionDialog
        open={dialog === "approve"}
        onOpenChange={(open) => setDialog(open ? "approve" : null)}
        title="Approve this proposal?"
        description="The agent proceeds with the proposed action exactly as shown."
        confirmLabel="Approve"
        noteLabel="Comment"
        pending={pending}
        onConfirm={(comment) => send({ action: "approve", comment: comment || undefined })}
      />
      <DecisionDialog
        open={dialog === "reject"}
        onOpenChange={(open) => setDialog(open ? "reject" : null)}
        title={clarification ? "Close without an answer?" : "Reject this proposal?"}
        description={
          clarification
            ? "The agent gets no answer and continues without one. Tell it why."
            : "The agent will not perform this action. Your reason is recorded and passed back to it."
        }
        confirmLabel="Reject"
        variant="destructive"
        noteLabel="Reason"
        noteRequired
        notePlaceholder="Why should the agent not do this?"
        pending={pending}
        onConfirm={(comment) => send({ action: "reject", comment })}
      />
      <DecisionDialog
        open={dialog === "edit"}
        onOpenChange={(open) => setDialog(open ? "edit" : null)}
        title="Send this edit?"
        description="The agent proceeds with your version. This is what changes:"
        confirmLabel="Send edit"
        noteLabel="Comment"
        pending={pending}
        className="sm:max-w-2xl"
        onConfirm={(comment) => send({ action: "edit", payload: edited, comment: comment || undefined })}
      >
        <PayloadDiff original={task.payload} edited={edited} labels={labels} className="max-h-[45vh] overflow-y-auto" />
      </DecisionDialog>
    </div>
  );
}
