"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Loader2Icon } from "lucide-react";
import { useServerAction } from "@/components/use-server-action";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { createTeamAction } from "./actions";

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
  const router = useRouter();
  const id = useId();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugTouched, setSlugTouched] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { pending, run } = useServerAction();

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    void run(() => createTeamAction({ name, slug }), {
      success: (team) => `Created ${team.name}`,
      onSuccess: () => {
        router.push("/");
        router.refresh();
      },
      onError: (err) => setError(err.message),
    });
  };

  return (
    <form onSubmit={submit} className="grid gap-4">
      <div className="grid gap-2">
        <Label htmlFor={`${id}-name`}>Team name</Label>
        <Input
          id={`${id}-name`}
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            if (!slugTouched) setSlug(slugify(e.target.value));
          }}
          placeholder="Acme Support"
          autoComplete="organization"
          required
          autoFocus
        />
      </div>
      <div className="grid gap-2">
        <Label htmlFor={`${id}-slug`}>URL name</Label>
        <Input
          id={`${id}-slug`}
          value={slug}
          onChange={(e) => {
            setSlugTouched(true);
            setSlug(e.target.value.toLowerCase());
          }}
          placeholder="acme-support"
          pattern="[a-z0-9][a-z0-9\-]*"
          minLength={2}
          maxLength={48}
          required
          aria-describedby={`${id}-slug-hint`}
          aria-invalid={error ? true : undefined}
          className="font-mono"
        />
        <p id={`${id}-slug-hint`} className="text-xs text-muted-foreground">
          Lowercase letters, digits and dashes. Used by the CLI and in API key listings.
        </p>
      </div>
      {error && (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      )}
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        {cancelable && (
          <Button asChild variant="outline">
            <Link href="/">Cancel</Link>
          </Button>
        )}
        <Button type="submit" disabled={pending || !name.trim() || slug.length < 2}>
          {pending && <Loader2Icon className="animate-spin" />}
          Create team
        </Button>
      </div>
    </form>
  );
}
