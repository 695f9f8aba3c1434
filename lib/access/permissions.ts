import type { ApiKeyScope, Role } from "@/lib/contract/enums";

/** What each role may do. Every route handler and server action checks one of these. */
export const ROLE_PERMISSIONS = {
  "runs.read": ["owner", "admin", "reviewer", "viewer"],
  "runs.create": ["owner", "admin", "reviewer"],
  "runs.cancel": ["owner", "admin"],
  "tasks.read": ["owner", "admin", "reviewer", "viewer"],
  "tasks.create": ["owner", "admin"],
  "tasks.decide": ["owner", "admin", "reviewer"],
  "tasks.assign": ["owner", "admin", "reviewer"],
  "audit.read": ["owner", "admin", "reviewer", "viewer"],
  "feedback.read": ["owner", "admin", "reviewer", "viewer"],
  /** Promote or retire human edits as few-shot examples. */
  "feedback.curate": ["owner", "admin", "reviewer"],
  "queues.manage": ["owner", "admin"],
  "members.manage": ["owner", "admin"],
  "apikeys.manage": ["owner", "admin"],
  "workflows.read": ["owner", "admin", "reviewer", "viewer"],
  /** Turn "apply automatically" on or off for a saved clarification answer, or revoke one. */
  "answers.manage": ["owner", "admin"],
  /** Create and revert team policies (auto-decision rules, lib/policies). */
  "policies.manage": ["owner", "admin"],
  /** The webhook signing secret: shown to and rotated by owners only. */
  "webhooks.secret": ["owner"],
  /** Sending a task's webhook event again. */
  "webhooks.resend": ["owner", "admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof ROLE_PERMISSIONS;

export function roleCan(role: Role, permission: Permission): boolean {
  return (ROLE_PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/**
 * API keys act for an agent and carry scopes (API.md v1.1): `runs` starts, reads and cancels
 * runs, `tasks` creates and reads tasks (audit, feedback, analytics), `decide` is the resume route.
 * They never manage the team.
 */
export const API_KEY_SCOPE_PERMISSIONS = {
  runs: ["runs.read", "runs.create", "runs.cancel", "workflows.read"],
  tasks: ["tasks.read", "tasks.create", "audit.read", "feedback.read"],
  decide: ["tasks.decide"],
} as const satisfies Record<ApiKeyScope, readonly Permission[]>;

export function scopesCan(scopes: readonly ApiKeyScope[], permission: Permission): boolean {
  return scopes.some((s) => (API_KEY_SCOPE_PERMISSIONS[s] as readonly Permission[]).includes(permission));
}

/** The scope a key needs for a permission (for error messages). */
export function scopeFor(permission: Permission): ApiKeyScope | null {
  for (const [scope, perms] of Object.entries(API_KEY_SCOPE_PERMISSIONS)) {
    if ((perms as readonly Permission[]).includes(permission)) return scope as ApiKeyScope;
  }
  return null;
}
