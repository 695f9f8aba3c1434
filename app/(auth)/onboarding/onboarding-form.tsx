"use client";

import Link from "next/link";
import { useActionState, useId, useRef } from "react";
import { Loader2Icon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { createTeamFormAction, type CreateTeamState } from "./actions";

function slugify(name: string) {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48);
}

export function OnboardingForm({ cancelable }: { cancelable: boolean }) {
  const id = useId();
  const [state, action, pending] = useActionState<CreateTeamState, FormData>(createTeamFormAction, {});
  const slugRef = useRef<HTMLInputElement>(null);
  // The URL name follows the team name until the user edits it.
  const slugEdited = useRef(false);

  return (
    <form action={action} className="grid gap-4">
      <div className="grid gap-2">
        <Label htmlFor={`${id}-name`}>Team name</Label>
        <Input
          id={`${id}-name`}
          name="name"
          defaultValue={state.name}
          onChange={(e) => {
            if (!slugEdited.current && slugRef.current) slugRef.current.value = slugify(e.target.value);
          }}
          placeholder="Acme Support"
          autoComplete="organization"
          maxLength={80}
          required
          autoFocus
        />
      </div>
      <div className="grid gap-2">
        <Label htmlFor={`${id}-slug`}>URL name</Label>
        <Input
          id={`${id}-slug`}
          ref={slugRef}
          name="slug"
          defaultValue={state.slug}
          onChange={() => {
            slugEdited.current = true;
          }}
          placeholder="acme-support"
          pattern="[A-Za-z0-9][A-Za-z0-9\-]*"
          minLength={2}
          maxLength={48}
          required
          aria-describedby={`${id}-slug-hint`}
          aria-invalid={state.error ? true : undefined}
          className="font-mono"
        />
        <p id={`${id}-slug-hint`} className="text-xs text-muted-foreground">
          Lowercase letters, digits and dashes. Used by the CLI and in API key listings.
        </p>
      </div>
      {state.error && (
        <p role="alert" className="text-sm text-destructive">
          {state.error}
        </p>
      )}
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        {cancelable && (
          <Button asChild variant="outline">
            <Link href="/">Cancel</Link>
          </Button>
        )}
        <Button type="submit" disabled={pending}>
          {pending && <Loader2Icon className="animate-spin" />}
          Create team
        </Button>
      </div>
    </form>
  );
}
