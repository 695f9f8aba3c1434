"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { MoreHorizontalIcon, UserMinusIcon, ListFilterIcon } from "lucide-react";
import { changeMemberRoleAction, removeMemberAction } from "@/app/(dashboard)/settings/members/actions";
import { ConfirmDialog, useConfirmTarget } from "@/components/confirm-dialog";
import { useServerAction } from "@/components/use-server-action";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { QueueAccessDialog } from "./queue-access-dialog";
import { RoleSelect, type RoleName } from "./role-select";

export interface MemberRow {
  id: string;
  email: string;
  name: string | null;
  role: RoleName;
  queues: string[] | null;
  joined: string;
  isSelf: boolean;
}

export function MembersTable({
  rows,
  canManage,
  actorIsOwner,
  queues,
}: {
  rows: MemberRow[];
  canManage: boolean;
  actorIsOwner: boolean;
  queues: string[];
}) {
  const router = useRouter();
  const { pending, run } = useServerAction();
  const confirm = useConfirmTarget<MemberRow>();
  const removing = confirm.target;
  const [limiting, setLimiting] = useState<MemberRow | null>(null);

  const changeRole = (row: MemberRow, role: RoleName) =>
    void run(() => changeMemberRoleAction({ membershipId: row.id, role }), {
      success: `${row.name || row.email} is now ${role}`,
    });

  const remove = () => {
    const row = confirm.target;
    if (!row) return;
    void run(() => removeMemberAction({ membershipId: row.id }), {
      success: row.isSelf ? "You left the team" : `Removed ${row.email}`,
      onSuccess: (data) => {
        confirm.close();
        if (data.self) {
          router.push("/");
          router.refresh();
        }
      },
    });
  };

  return (
    <div className="rounded-xl border">
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead className="pl-4">Member</TableHead>
            <TableHead>Role</TableHead>
            <TableHead className="hidden sm:table-cell">Queues</TableHead>
            <TableHead className="hidden md:table-cell">Joined</TableHead>
            {canManage && (
              <TableHead className="w-10 pr-4">
                <span className="sr-only">Actions</span>
              </TableHead>
            )}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => {
            const locked = !canManage || (row.role === "owner" && !actorIsOwner);
            return (
              <TableRow key={row.id}>
                <TableCell className="pl-4">
                  <div className="grid max-w-[14rem] sm:max-w-xs">
                    <span className="truncate font-medium">
                      {row.name || row.email}
                      {row.isSelf && <span className="ml-1.5 text-xs font-normal text-muted-foreground">(you)</span>}
                    </span>
                    {row.name && <span className="truncate text-xs text-muted-foreground">{row.email}</span>}
                  </div>
                </TableCell>
                <TableCell>
                  {locked ? (
                    <Badge variant="secondary" className="capitalize">
                      {row.role}
                    </Badge>
                  ) : (
                    <RoleSelect
                      size="sm"
                      value={row.role}
                      onValueChange={(role) => changeRole(row, role)}
                      allowOwner={actorIsOwner}
                      disabled={pending}
                      aria-label={`Role of ${row.email}`}
                    />
                  )}
                </TableCell>
                <TableCell className="hidden text-muted-foreground sm:table-cell">
                  {row.role === "owner" || row.queues === null ? "All" : row.queues.join(", ") || "None"}
                </TableCell>
                <TableCell className="hidden text-muted-foreground md:table-cell">{row.joined}</TableCell>
                {canManage && (
                  <TableCell className="pr-4 text-right">
                    {!locked && (
                      <DropdownMenu>
                        <DropdownMenuTrigger asChild>
                          <Button variant="ghost" size="icon-sm" aria-label={`Actions for ${row.email}`}>
                            <MoreHorizontalIcon />
                          </Button>
                        </DropdownMenuTrigger>
                        <DropdownMenuContent align="end">
                          {row.role !== "owner" && (
                            <DropdownMenuItem onSelect={() => setLimiting(row)}>
                              <ListFilterIcon />
                              Queue access…
                            </DropdownMenuItem>
                          )}
                          <DropdownMenuItem variant="destructive" onSelect={() => confirm.ask(row)}>
                            <UserMinusIcon />
                            {row.isSelf ? "Leave team" : "Remove from team"}
                          </DropdownMenuItem>
                        </DropdownMenuContent>
                      </DropdownMenu>
                    )}
                  </TableCell>
                )}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <ConfirmDialog
        open={confirm.open}
        onOpenChange={confirm.onOpenChange}
        title={removing?.isSelf ? "Leave this team?" : `Remove ${removing?.email}?`}
        description={
          removing?.isSelf
            ? "You lose access to its queues, runs and settings until someone invites you again."
            : "They lose access immediately. Their past decisions stay in the audit log."
        }
        confirmLabel={removing?.isSelf ? "Leave team" : "Remove"}
        pending={pending}
        onConfirm={remove}
      />
      {limiting && <QueueAccessDialog member={limiting} queues={queues} onClose={() => setLimiting(null)} />}
    </div>
  );
}
