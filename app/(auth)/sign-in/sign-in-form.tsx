"use client";

import { useActionState } from "react";
import { Loader2Icon, MailIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { signInWithEmail, signInWithGitHub, type SignInState } from "./actions";

export function SignInForm({ defaultEmail, callbackUrl, github }: { defaultEmail: string; callbackUrl: string; github: boolean }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signInWithEmail, { email: defaultEmail });

  return (
    <div className="grid gap-4">
      <form action={action} className="grid gap-3" noValidate>
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <div className="grid gap-2">
          <Label htmlFor="email">Work email</Label>
          <Input
            id="email"
            name="email"
            type="email"
            autoComplete="email"
            inputMode="email"
            placeholder="you@company.com"
            defaultValue={state.email}
            required
            autoFocus
            aria-invalid={state.error ? true : undefined}
            aria-describedby={state.error ? "email-error" : undefined}
          />
          {state.error && (
            <p id="email-error" role="alert" className="text-sm text-destructive">
              {state.error}
            </p>
          )}
        </div>
        <Button type="submit" disabled={pending} className="w-full">
          {pending ? <Loader2Icon className="animate-spin" /> : <MailIcon />}
          {pending ? "Sending link…" : "Email me a sign-in link"}
        </Button>
      </form>
      {github && (
        <>
          <div className="flex items-center gap-3 text-xs text-muted-foreground">
            <span className="h-px flex-1 bg-border" />
            or
            <span className="h-px flex-1 bg-border" />
          </div>
          <form action={signInWithGitHub}>
            <input type="hidden" name="callbackUrl" value={callbackUrl} />
            <Button type="submit" variant="outline" className="w-full">
              Continue with GitHub
            </Button>
          </form>
        </>
      )}
    </div>
  );
}
