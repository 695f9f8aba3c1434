import "server-only";
import type { Principal } from "@/lib/access/principal";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

/**
 * Open SSE streams and long-polls per caller (API key or user), counted in this process: each
 * holds a connection, timers and often a database listener, so one caller must not open
 * thousands. Over the cap → 429 with retry-after; the slot is freed when the stream ends.
 */
const open = new Map<string, number>();

export function streamCaller(principal: Principal): string {
  return `${principal.actor.type}:${principal.actor.id}`;
}

/** Takes a slot or throws 429; the returned function frees it (calling it again does nothing). */
export function acquireStreamSlot(principal: Principal, limit = env().MAX_STREAMS_PER_CALLER): () => void {
  const caller = streamCaller(principal);
  const count = open.get(caller) ?? 0;
  if (count >= limit) {
    throw new AppError(
      "rate_limited",
      `Too many open streams: at most ${limit} event streams and long-polls may be open at once per API key or user. Close one, or retry later.`,
      undefined,
      { "retry-after": "5" },
    );
  }
  open.set(caller, count + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (open.get(caller) ?? 1) - 1;
    if (left > 0) open.set(caller, left);
    else open.delete(caller);
  };
}

/** Runs `work` holding a slot (a long-poll). */
export async function withStreamSlot<T>(principal: Principal, work: () => Promise<T>): Promise<T> {
  const release = acquireStreamSlot(principal);
  try {
    return await work();
  } finally {
    release();
  }
}
