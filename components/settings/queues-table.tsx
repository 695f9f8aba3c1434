"use client";

import { useState } from "react";
import { InboxIcon, PencilIcon, PlusIcon } from "lucide-react";
import { EmptyState } from "@/components/empty-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { SettingsSection } from "./section";
import { describeDeadlines, NO_DEADLINES, QueueDialog, type QueueDraft } from "./queue-dialog";

export function QueuesSettings({ queues, canManage }: { queues: QueueDraft[]; canManage: boolean }) {
  const [editing, setEditing] = useState<QueueDraft | null | undefined>(undefined);
  const create = () => setEditing({ name: "", description: null, roles: ["owner", "admin", "reviewer"], deadlines: NO_DEADLINES });

  return (
    <SettingsSection
      title="Queues"
      description="Each review task lands in a queue. Choose which roles may decide its tasks; member queue access narrows it per person."
      action={
        canManage && (
          <Button size="sm" onClick={create}>
            <PlusIcon />
            New queue
          </Button>
        )
      }
    >
      {queues.length === 0 ? (
        <EmptyState
          icon={InboxIcon}
          title="No queue settings yet"
          description="Queues appear here when a workflow first routes a task to one, or when you create one."
        />
      ) : (
        <div className="rounded-xl border">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead className="pl-4">Queue</TableHead>
                <TableHead>May decide</TableHead>
                {canManage && (
                  <TableHead className="w-10 pr-4">
                    <span className="sr-only">Actions</span>
                  </TableHead>
                )}
              </TableRow>
            </TableHeader>
            <TableBody>
              {queues.map((q) => (
                <TableRow key={q.name}>
                  <TableCell className="pl-4 whitespace-normal">
                    <div className="grid gap-0.5">
                      <span className="font-mono text-sm font-medium">{q.name}</span>
                      {q.description && <span className="text-xs text-muted-foreground">{q.description}</span>}
                      {describeDeadlines(q.deadlines) && (
                        <span className="text-xs text-muted-foreground">{describeDeadlines(q.deadlines)}</span>
                      )}
                    </div>
                  </TableCell>
                  <TableCell className="whitespace-normal">
                    <div className="flex flex-wrap gap-1">
                      {q.roles.map((r) => (
                        <Badge key={r} variant="secondary" className="capitalize">
                          {r}
                        </Badge>
                      ))}
                    </div>
                  </TableCell>
                  {canManage && (
                    <TableCell className="pr-4 text-right">
                      <Button variant="ghost" size="icon-sm" onClick={() => setEditing(q)} aria-label={`Edit ${q.name}`}>
                        <PencilIcon />
                      </Button>
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {editing !== undefined && <QueueDialog initial={editing} onClose={() => setEditing(undefined)} />}
    </SettingsSection>
  );
}
