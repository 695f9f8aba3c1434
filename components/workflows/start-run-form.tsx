"use client";

import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { ArrowRightIcon, CircleCheckIcon, Loader2Icon, PlayIcon } from "lucide-react";
import { startRunAction } from "@/app/(dashboard)/workflows/actions";
import {
  emptyValue,
  errorsFromMessage,
  JsonSchemaForm,
  validateJsonSchema,
  type FormErrors,
  type JsonSchema,
} from "@/components/forms/json-schema-form";
import { fieldId, isPlainObject } from "@/components/forms/json-schema";
import { Button } from "@/components/ui/button";
import { useServerAction } from "@/components/use-server-action";
import { LeadsHelper } from "./leads-helper";

interface Props {
  workflow: { id: string; name: string; inputSchema: JsonSchema };
  canStart: boolean;
}

const ID_PREFIX = "run-input";

/** The workflow's input as a generated form; submits through the startRunAction server action. */
export function StartRunForm({ workflow, canStart }: Props) {
  const router = useRouter();
  const { pending, run } = useServerAction();
  const [value, setValue] = useState<unknown>(() => emptyValue(workflow.inputSchema));
  const [errors, setErrors] = useState<FormErrors>({});
  const [validateLive, setValidateLive] = useState(false);
  const [started, setStarted] = useState<{ id: string } | null>(null);

  const update = (next: unknown) => {
    setValue(next);
    if (validateLive) setErrors(validateJsonSchema(workflow.inputSchema, next));
  };

  const focusFirst = (errs: FormErrors) => {
    const first = Object.keys(errs)[0];
    if (first !== undefined) document.getElementById(fieldId(ID_PREFIX, first))?.focus();
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const errs = validateJsonSchema(workflow.inputSchema, value);
    setErrors(errs);
    setValidateLive(true);
    if (Object.keys(errs).length > 0) {
      toast.error(`Fix ${Object.keys(errs).length === 1 ? "1 field" : `${Object.keys(errs).length} fields`} before starting the run.`);
      focusFirst(errs);
      return;
    }
    await run(() => startRunAction({ workflow: workflow.id, input: value }), {
      onSuccess: (data) => {
        setStarted({ id: data.id });
        toast.success(`${workflow.name} started`, {
          description: `Run ${data.id}`,
          action: { label: "Open run", onClick: () => router.push(`/runs/${data.id}`) },
        });
      },
      onError: (err) => {
        if (err.code !== "invalid_request") return;
        const fromServer = errorsFromMessage(err.message, "input");
        setErrors(fromServer);
        focusFirst(fromServer);
      },
    });
  };

  const leads = isPlainObject(value) && Array.isArray(value.leads) ? value.leads : [];
  const helper =
    workflow.id === "email-outreach" ? (
      <LeadsHelper
        disabled={!canStart || pending}
        count={leads.length}
        onLeads={(l) => update({ ...(isPlainObject(value) ? value : {}), leads: l })}
      />
    ) : null;

  return (
    <form onSubmit={submit} noValidate className="grid gap-6" aria-label={`Start ${workflow.name}`}>
      {started && (
        <div
          role="status"
          className="flex flex-col gap-3 rounded-lg border border-success/40 bg-success/10 p-4 text-sm sm:flex-row sm:items-center sm:justify-between"
        >
          <div className="flex items-center gap-2">
            <CircleCheckIcon className="size-4 text-success" aria-hidden />
            <span>
              Run <code className="font-mono text-xs">{started.id}</code> started. Its review tasks appear in the queues in a moment.
            </span>
          </div>
          <Button asChild size="sm" variant="outline">
            <Link href={`/runs/${started.id}`}>
              Open run
              <ArrowRightIcon />
            </Link>
          </Button>
        </div>
      )}
      <div className="rounded-xl border bg-card p-4 sm:p-6">
        <JsonSchemaForm
          schema={workflow.inputSchema}
          value={value}
          onChange={update}
          errors={errors}
          disabled={!canStart || pending}
          idPrefix={ID_PREFIX}
          toolbar={helper}
        />
      </div>
      <div className="flex flex-col-reverse gap-3 sm:flex-row sm:items-center sm:justify-end">
        {!canStart && <p className="text-sm text-muted-foreground">Your role can view workflows but not start runs.</p>}
        <Button type="submit" disabled={!canStart || pending}>
          {pending ? <Loader2Icon className="animate-spin" /> : <PlayIcon />}
          {pending ? "Starting…" : "Start run"}
        </Button>
      </div>
    </form>
  );
}
