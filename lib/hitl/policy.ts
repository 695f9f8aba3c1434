import type { Role } from "@/lib/contract";
import type { GatePolicy, TimeoutOutcome } from "./protocol";
import { GateError } from "./schema";

/** A length of time: milliseconds, or a string such as "90s", "30m", "4h", "2d", "1w". */
export type Duration = number | `${number}${"ms" | "s" | "m" | "h" | "d" | "w"}`;

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

export function durationMs(value: Duration, field: string): number {
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value <= 0) throw new GateError(`${field}: a positive number of milliseconds is required.`);
    return Math.round(value);
  }
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)$/.exec(value.trim());
  if (!match) throw new GateError(`${field}: '${value}' is not a duration such as "30m", "4h" or "2d".`);
  return Math.round(Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS]);
}

/** What a gate may declare about its task's deadline, escalation and who decides it. */
export interface GatePolicyOptions {
  /** Deadline relative to when the task is created. */
  dueIn?: Duration;
  /** Absolute deadline (prefer `dueIn`: a node re-runs, and `new Date()` moves with it). */
  dueAt?: Date;
  /** Remind the queue this long before the deadline. */
  remindBefore?: Duration;
  /** What the deadline does: expire (default), reject, approve or escalate to `escalateTo`. */
  onTimeout?: TimeoutOutcome;
  escalateTo?: string;
  /** Distinct approvals needed (default 1), optionally only from `fromRoles`. */
  quorum?: number;
  fromRoles?: Role[];
  /** Whether whoever started the run may decide this task (default: the team's rule). */
  requesterMayDecide?: boolean;
}

/** The policy part of a request, checked where the author wrote it (a bad option fails the node at once). */
export function policyFields(options: GatePolicyOptions): GatePolicy & { dueAt: string | null } {
  if (options.onTimeout === "escalate" && !options.escalateTo) throw new GateError("onTimeout 'escalate' needs escalateTo (a queue).");
  if (options.remindBefore !== undefined && options.dueIn === undefined && options.dueAt === undefined) {
    throw new GateError("remindBefore needs a deadline (dueIn or dueAt).");
  }
  return {
    dueAt: options.dueAt?.toISOString() ?? null,
    dueInMs: options.dueIn === undefined ? null : durationMs(options.dueIn, "dueIn"),
    remindBeforeMs: options.remindBefore === undefined ? null : durationMs(options.remindBefore, "remindBefore"),
    onTimeout: options.onTimeout ?? null,
    escalateTo: options.escalateTo ?? null,
    quorum: options.quorum ?? null,
    fromRoles: options.fromRoles ?? null,
    requesterMayDecide: options.requesterMayDecide ?? null,
  };
}
