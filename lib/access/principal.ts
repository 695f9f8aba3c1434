import type { Actor, ApiKeyScope, Role } from "@/lib/contract/enums";
import { AppError } from "@/lib/errors";
import { roleCan, scopeFor, scopesCan, type Permission } from "./permissions";

/** Who is calling, for one team: a signed-in member or an API key. */
export type Principal =
  | { kind: "user"; teamId: string; actor: Actor; role: Role; queues: string[] | null; email?: string }
  | {
      kind: "api_key";
      teamId: string;
      actor: Actor;
      scopes: ApiKeyScope[];
      /** Queues whose tasks the key may see and decide; null = every queue. */
      queues: string[] | null;
    };

export function can(principal: Principal, permission: Permission): boolean {
  if (principal.kind === "api_key") return scopesCan(principal.scopes, permission);
  return roleCan(principal.role, permission);
}

export function assertCan(principal: Principal, permission: Permission) {
  if (can(principal, permission)) return;
  if (principal.kind === "api_key") {
    const scope = scopeFor(permission);
    throw new AppError(
      "forbidden",
      scope
        ? `This API key lacks the '${scope}' scope (needs '${permission}'); create a key with --scopes including ${scope}.`
        : `API keys may not do this (needs '${permission}').`,
    );
  }
  throw new AppError("forbidden", `Your role may not do this (needs '${permission}').`);
}

/**
 * May this principal decide tasks in `queue`? Keys need the `decide` scope and, when limited to
 * queues, this one; members need `tasks.decide`, their queue list (if any) to include it, and
 * the queue's roles. Owners may decide everywhere.
 */
export function canWorkQueue(principal: Principal, queue: string, queueRoles: readonly Role[] | null): boolean {
  if (principal.kind === "api_key") return principal.scopes.includes("decide") && canSeeQueue(principal, queue, queueRoles);
  if (principal.role === "owner") return true;
  if (!roleCan(principal.role, "tasks.decide")) return false;
  if (principal.queues && !principal.queues.includes(queue)) return false;
  return queueRoles ? queueRoles.includes(principal.role) : principal.role !== "viewer";
}

/**
 * May this principal see anything of `queue` (its tasks, their runs, audit events, feedback)?
 * Owners see everything; admins and viewers every queue unless limited to some; reviewers the
 * queues they may work; keys every queue unless limited with `--queues`. lib/access/visibility
 * turns this into the SQL filter every list uses.
 */
export function canSeeQueue(principal: Principal, queue: string, queueRoles: readonly Role[] | null): boolean {
  if (principal.kind === "api_key") return principal.queues ? principal.queues.includes(queue) : true;
  if (principal.role === "owner") return true;
  if (principal.role === "admin" || principal.role === "viewer") {
    return principal.queues ? principal.queues.includes(queue) : true;
  }
  return canWorkQueue(principal, queue, queueRoles);
}

/**
 * Separation of duties (API.md v1.1): the key that started a run or created a standalone task
 * never decides it; a user who started a run may review its agent's drafts. `requesterMayDecide`
 * (per gate or per standalone task) changes either default. Returns why not, or null.
 */
export function separationOfDutiesViolation(
  principal: Principal,
  task: { requestedBy: Actor | null; requesterMayDecide: boolean | null },
): string | null {
  const requester = task.requestedBy;
  if (!requester || requester.type !== principal.actor.type || requester.id !== principal.actor.id) return null;
  const allowed = task.requesterMayDecide ?? principal.kind === "user";
  if (allowed) return null;
  return principal.kind === "api_key"
    ? "separation of duties: this API key requested this task (it started the run or created the task), so it may not decide it; decide with another key or in the dashboard."
    : "separation of duties: you requested this task, and it was created with requesterMayDecide: false; another reviewer must decide it.";
}
