"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { BanIcon, LoaderCircleIcon } from "lucide-react";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { useServerAction } from "@/components/use-server-action";
import type { ActionResult } from "@/lib/auth/action-result";

type CancelAction = (input: { runId: string }) => Promise<ActionResult<{ id: string; status: string }>>;

/** "Cancel run" behind a confirmation; pending reviews of the run are cancelled with it. */
export function CancelRunButton({ runId, pendingTasks, action }: { runId: string; pendingTasks: number; action: CancelAction }) {
  const [open, setOpen] = useState(false);
  const router = useRouter();
  const { pending, run } = useServerAction();

  const confirm = async () => {
    await run(() => action({ runId }), {
      success: "Run cancelled.",
      onSuccess: () => setOpen(false),
      // Someone else ended it meanwhile: close and show its real status.
      onError: (error) => error.code === "conflict" && setOpen(false),
    });
    router.refresh();
  };

  return (
    <AlertDialog open={open} onOpenChange={(next) => !pending && setOpen(next)}>
      <AlertDialogTrigger asChild>
        <Button variant="outline" size="sm">
          <BanIcon />
          Cancel run
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Cancel this run?</AlertDialogTitle>
          <AlertDialogDescription>
            The agent stops where it is and will not resume.
            {pendingTasks > 0 &&
              ` Its ${pendingTasks} pending review${pendingTasks === 1 ? "" : "s"} will be cancelled and disappear from the queues.`}{" "}
            This cannot be undone.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel disabled={pending}>Keep running</AlertDialogCancel>
          {/* A plain button, not AlertDialogAction: the dialog stays open until the server answers. */}
          <Button variant="destructive" onClick={confirm} disabled={pending}>
            {pending && <LoaderCircleIcon className="animate-spin" />}
            Cancel run
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
