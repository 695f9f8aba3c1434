"use client";

import { useCallback, useTransition } from "react";
import { toast } from "sonner";
import type { ActionResult } from "@/lib/auth/action-result";

interface RunOptions<T> {
  /** Toast on success: a message, or one computed from the result. Omit for no toast. */
  success?: string | ((data: T) => string);
  onSuccess?: (data: T) => void;
  onError?: (error: { code: string; message: string }) => void;
}

/**
 * Calls a server action built with teamAction/userAction inside a transition and reports the
 * outcome as a toast. `pending` drives disabled/spinner states.
 */
export function useServerAction() {
  const [pending, startTransition] = useTransition();
  const run = useCallback(
    <T>(call: () => Promise<ActionResult<T>>, options: RunOptions<T> = {}) =>
      new Promise<ActionResult<T> | null>((resolve) => {
        startTransition(async () => {
          try {
            const result = await call();
            if (result.ok) {
              const message = typeof options.success === "function" ? options.success(result.data) : options.success;
              if (message) toast.success(message);
              options.onSuccess?.(result.data);
            } else {
              toast.error(result.error.message);
              options.onError?.(result.error);
            }
            resolve(result);
          } catch {
            toast.error("Could not reach the server. Check your connection and try again.");
            resolve(null);
          }
        });
      }),
    [],
  );
  return { pending, run };
}
