import "server-only";
import { getDb } from "@/db/client";
import type { Principal } from "@/lib/access/principal";
import { notFound } from "@/lib/errors";
import { emptyThreadState, engineConfig, getSnapshot, listSnapshots, toThreadState } from "./state";
import { getThreadOrThrow } from "./threads";
import { interruptFilterFor, queueFilterFor } from "./visibility";

/** A thread's graph state and its history, from the checkpoints of the run it drives. */

export async function getThreadState(principal: Principal, threadId: string, checkpointId?: string) {
  const { run } = await getThreadOrThrow({ teamId: principal.teamId, threadId });
  if (!run) {
    if (checkpointId) throw notFound("checkpoint", checkpointId);
    return emptyThreadState();
  }
  const snapshot = await getSnapshot(run, checkpointId);
  if (!snapshot) {
    if (checkpointId) throw notFound("checkpoint", checkpointId);
    return emptyThreadState();
  }
  const visible = checkpointId ? await queueFilterFor(principal, run.id) : await interruptFilterFor(principal, run.id);
  return toThreadState(snapshot, threadId, visible);
}

export async function getThreadHistory(
  principal: Principal,
  threadId: string,
  options: { limit: number; before?: string | null; metadata?: Record<string, unknown> | null },
) {
  const { run } = await getThreadOrThrow({ teamId: principal.teamId, threadId });
  if (!run) return [];
  const snapshots = await listSnapshots(run, {
    limit: options.limit,
    before: options.before ? engineConfig(run, options.before) : undefined,
    filter: options.metadata ?? undefined,
  });
  const visible = await queueFilterFor(principal, run.id);
  return snapshots.map((s) => toThreadState(s, threadId, visible));
}
