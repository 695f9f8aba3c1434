import type { ErrorCode } from "@/lib/errors";

/** Shared by server actions and the client components that call them (no server code here). */
export type ActionError = { code: ErrorCode; message: string };
/** What every server action returns: it never throws to the client. */
export type ActionResult<T = void> = { ok: true; data: T } | { ok: false; error: ActionError };
