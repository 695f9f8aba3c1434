import type { Actor, Role } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { API_KEY_PERMISSIONS, roleCan, type Permission } from "./permissions";

/** Who is calling, for one team: a signed-in member or an API key. */
export type Principal =
  | { kind: "user"; teamId: string; actor: Actor; role: Role; queues: string[] | null; email?: string }
  | { kind: "api_key"; teamId: string; actor: Actor };

export function can(principal: Principal, permission: Permission): boolean {
  if (principal.kind === "api_key") return API_KEY_PERMISSIONS.includes(permission);
  return roleCan(principal.role, permission);
}

export function assertCan(principal: Principal, permission: Permission) {
  if (!can(principal, permission)) {
    throw new AppError("forbidden", `Your role may not do this (needs '${permission}').`);
  }
}

/**
 * May this principal decide tasks in `queue`? API keys may (they act for the team's agent);
 * members need `tasks.decide`, their queue list (if any) to include it, and the queue's roles.
 */
export function canWorkQueue(principal: Principal, queue: string, queueRoles: readonly Role[] | null): boolean {
  if (principal.kind === "api_key") return true;
  if (!roleCan(principal.role, "tasks.decide")) return false;
  if (principal.role === "owner") return true;
  if (principal.queues && !principal.queues.includes(queue)) return false;
  return queueRoles ? queueRoles.includes(principal.role) : principal.role !== "viewer";
}

/** May this principal see tasks of `queue` at all? Viewers read everything; reviewers only their queues. */
export function canSeeQueue(principal: Principal, queue: string, queueRoles: readonly Role[] | null): boolean {
  if (principal.kind === "api_key") return true;
  if (principal.role === "owner" || principal.role === "admin" || principal.role === "viewer") {
    return principal.queues ? principal.queues.includes(queue) : true;
  }
  return canWorkQueue(principal, queue, queueRoles);
}
