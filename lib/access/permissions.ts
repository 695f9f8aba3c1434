import type { Role } from "@/db/schema";

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
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof ROLE_PERMISSIONS;

export function roleCan(role: Role, permission: Permission): boolean {
  return (ROLE_PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/**
 * API keys act for an agent: they may start runs, create and read tasks, and decide them
 * (an agent-side reviewer or a test harness), but not manage the team.
 */
export const API_KEY_PERMISSIONS: readonly Permission[] = [
  "runs.read",
  "runs.create",
  "runs.cancel",
  "tasks.read",
  "tasks.create",
  "tasks.decide",
  "audit.read",
  "feedback.read",
  "workflows.read",
];
