"use client";

import { KeyRoundIcon } from "lucide-react";
import { revokeApiKeyAction } from "@/app/(dashboard)/settings/api-keys/actions";
import { ConfirmDialog, useConfirmTarget } from "@/components/confirm-dialog";
import { EmptyState } from "@/components/empty-state";
import { useServerAction } from "@/components/use-server-action";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

export interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  /** null = every queue */
  queues: string[] | null;
  created: string;
  lastUsed: string | null;
  revoked: string | null;
}

export function ApiKeysTable({ rows }: { rows: ApiKeyRow[] }) {
  const { pending, run } = useServerAction();
  const confirm = useConfirmTarget<ApiKeyRow>();
  const revoking = confirm.target;

  if (rows.length === 0) {
    return (
      <EmptyState icon={KeyRoundIcon} title="No API keys yet" description="Create one for each agent or environment that calls the API." />
    );
  }

  const revoke = () => {
    const row = confirm.target;
    if (!row) return;
    void run(() => revokeApiKeyAction({ keyId: row.id }), {
      success: `Revoked ${row.name}`,
      onSuccess: confirm.close,
    });
  };

  return (
    <div className="rounded-xl border">
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead className="pl-4">Name</TableHead>
            <TableHead>Key</TableHead>
            <TableHead>Scopes</TableHead>
            <TableHead>Queues</TableHead>
            <TableHead className="hidden sm:table-cell">Created</TableHead>
            <TableHead className="hidden md:table-cell">Last used</TableHead>
            <TableHead className="w-24 pr-4 text-right">
              <span className="sr-only">Status</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.id} className={row.revoked ? "text-muted-foreground" : undefined}>
              <TableCell className="max-w-[10rem] truncate pl-4 font-medium">{row.name}</TableCell>
              <TableCell className="font-mono text-xs">{row.prefix}…</TableCell>
              <TableCell>
                <ul className="flex flex-wrap gap-1" aria-label={`Scopes of ${row.name}`}>
                  {row.scopes.map((s) => (
                    <li key={s}>
                      <Badge variant={s === "decide" ? "default" : "secondary"} className="font-mono">
                        {s}
                      </Badge>
                    </li>
                  ))}
                </ul>
              </TableCell>
              <TableCell className="text-xs">
                {row.queues ? row.queues.join(", ") : <span className="text-muted-foreground">all</span>}
              </TableCell>
              <TableCell className="hidden text-muted-foreground sm:table-cell">{row.created}</TableCell>
              <TableCell className="hidden text-muted-foreground md:table-cell">{row.lastUsed ?? "Never"}</TableCell>
              <TableCell className="pr-4 text-right">
                {row.revoked ? (
                  <Badge variant="outline" title={`Revoked ${row.revoked}`}>
                    Revoked
                  </Badge>
                ) : (
                  <Button variant="ghost" size="sm" className="text-destructive hover:text-destructive" onClick={() => confirm.ask(row)}>
                    Revoke
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <ConfirmDialog
        open={confirm.open}
        onOpenChange={confirm.onOpenChange}
        title={`Revoke ${revoking?.name}?`}
        description={
          <>
            Requests with <code className="font-mono text-xs">{revoking?.prefix}…</code> fail with 401 from now on. Agents using it stop
            working until they get a new key. This cannot be undone.
          </>
        }
        confirmLabel="Revoke key"
        pending={pending}
        onConfirm={revoke}
      />
    </div>
  );
}
