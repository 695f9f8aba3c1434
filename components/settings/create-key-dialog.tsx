"use client";

import { useId, useState } from "react";
import { KeyRoundIcon, Loader2Icon, PlusIcon, TriangleAlertIcon } from "lucide-react";
import { createApiKeyAction } from "@/app/(dashboard)/settings/api-keys/actions";
import { CopyButton } from "@/components/copy-button";
import { useServerAction } from "@/components/use-server-action";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Checkbox } from "@/components/ui/checkbox";
import type { ApiKeyScope } from "@/lib/contract";

const SCOPES: Array<{ scope: ApiKeyScope; label: string; hint: string }> = [
  { scope: "runs", label: "runs", hint: "list workflows; start, read and cancel runs" },
  { scope: "tasks", label: "tasks", hint: "create standalone tasks; read tasks, audit and feedback" },
  { scope: "decide", label: "decide", hint: "decide tasks (the resume route), never the ones this key asked for" },
];

/** Creates a key and shows the secret exactly once; closing the dialog forgets it. Only owners grant `decide`. */
export function CreateKeyDialog({ canGrantDecide }: { canGrantDecide: boolean }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<ApiKeyScope[]>(["runs", "tasks"]);
  const [queues, setQueues] = useState("");
  const [created, setCreated] = useState<{ apiKey: string; name: string } | null>(null);
  const { pending, run } = useServerAction();

  const close = (next: boolean) => {
    setOpen(next);
    if (!next) {
      setCreated(null);
      setName("");
      setScopes(["runs", "tasks"]);
      setQueues("");
    }
  };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    void run(() => createApiKeyAction({ name, scopes, queues }), {
      success: (key) => `Created key ${key.name}`,
      onSuccess: (key) => setCreated({ apiKey: key.apiKey, name: key.name }),
    });
  };

  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogTrigger asChild>
        <Button size="sm">
          <PlusIcon />
          New key
        </Button>
      </DialogTrigger>
      <DialogContent onInteractOutside={(e) => created && e.preventDefault()}>
        {created ? (
          <div className="grid gap-5">
            <DialogHeader>
              <DialogTitle className="flex items-center gap-2">
                <KeyRoundIcon className="size-4" aria-hidden />
                {created.name}
              </DialogTitle>
              <DialogDescription>
                Your agent sends it as <code className="font-mono text-xs">Authorization: Bearer &lt;key&gt;</code>.
              </DialogDescription>
            </DialogHeader>
            <div className="grid gap-2">
              <Label htmlFor={`${id}-key`}>API key</Label>
              <div className="flex gap-2">
                <Input
                  id={`${id}-key`}
                  value={created.apiKey}
                  readOnly
                  onFocus={(e) => e.currentTarget.select()}
                  className="font-mono text-xs"
                />
                <CopyButton value={created.apiKey} />
              </div>
            </div>
            <p className="flex gap-2 rounded-md border border-warning/40 bg-warning/10 p-3 text-sm">
              <TriangleAlertIcon className="mt-0.5 size-4 shrink-0" aria-hidden />
              Copy it now: this is the only time it is shown. We store only a hash.
            </p>
            <DialogFooter>
              <Button onClick={() => close(false)}>Done</Button>
            </DialogFooter>
          </div>
        ) : (
          <form onSubmit={submit} className="grid gap-5">
            <DialogHeader>
              <DialogTitle>New API key</DialogTitle>
              <DialogDescription>A key lets an agent start runs and create and read review tasks for this team.</DialogDescription>
            </DialogHeader>
            <div className="grid gap-2">
              <Label htmlFor={`${id}-name`}>Name</Label>
              <Input
                id={`${id}-name`}
                value={name}
                onChange={(e) => setName(e.target.value)}
                placeholder="support-agent (production)"
                maxLength={80}
                required
                autoFocus
              />
            </div>
            <fieldset className="grid gap-2">
              <legend className="mb-2 text-sm font-medium">Scopes</legend>
              {SCOPES.map(({ scope, label, hint }) => {
                const disabled = scope === "decide" && !canGrantDecide;
                return (
                  <div key={scope} className="flex items-start gap-2">
                    <Checkbox
                      id={`${id}-scope-${scope}`}
                      checked={scopes.includes(scope)}
                      disabled={disabled}
                      aria-describedby={`${id}-scope-${scope}-hint`}
                      onCheckedChange={(checked) => setScopes((s) => (checked === true ? [...s, scope] : s.filter((x) => x !== scope)))}
                    />
                    <div className="grid gap-0.5 leading-none">
                      <Label htmlFor={`${id}-scope-${scope}`} className="font-mono text-xs">
                        {label}
                      </Label>
                      <p id={`${id}-scope-${scope}-hint`} className="text-xs text-muted-foreground">
                        {hint}
                        {disabled ? " (only owners may grant it)" : ""}
                      </p>
                    </div>
                  </div>
                );
              })}
            </fieldset>
            <div className="grid gap-2">
              <Label htmlFor={`${id}-queues`}>Queues (optional)</Label>
              <Input
                id={`${id}-queues`}
                value={queues}
                onChange={(e) => setQueues(e.target.value)}
                placeholder="support, outreach"
                aria-describedby={`${id}-queues-hint`}
              />
              <p id={`${id}-queues-hint`} className="text-xs text-muted-foreground">
                Comma-separated. The key sees and decides only these queues&apos; tasks; empty means every queue.
              </p>
            </div>
            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => close(false)} disabled={pending}>
                Cancel
              </Button>
              <Button type="submit" disabled={pending || !name.trim() || scopes.length === 0}>
                {pending && <Loader2Icon className="animate-spin" />}
                Create key
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
