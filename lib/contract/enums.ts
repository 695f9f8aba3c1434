import { z } from "zod";

/**
 * The contract's vocabulary, in one place: the database schema, the services, the dashboard
 * and the OpenAPI document all take these from here. Pure module (zod only), safe anywhere.
 */
export const ROLES = ["owner", "admin", "reviewer", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const RUN_STATUSES = ["queued", "running", "waiting", "completed", "failed", "cancelled"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const TASK_KINDS = ["approval", "clarification", "review"] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
export const TASK_STATUSES = ["pending", "decided", "expired", "cancelled"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TASK_ACTIONS = ["approve", "edit", "reject", "respond"] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];
/** What a task's deadline does: expire (a system rejection), reject, approve, or escalate to another queue. */
export const TIMEOUT_OUTCOMES = ["expire", "reject", "approve", "escalate"] as const;
export type TimeoutOutcome = (typeof TIMEOUT_OUTCOMES)[number];
/** What an API key may do (v1.1): `runs` start/read/cancel runs, `tasks` create/read tasks, audit, feedback, `decide` the resume route. */
export const API_KEY_SCOPES = ["runs", "tasks", "decide"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
export const DEFAULT_API_KEY_SCOPES: ApiKeyScope[] = ["runs", "tasks"];

export const ACTOR_TYPES = ["user", "api_key", "system"] as const;
/** A human edit's standing as a few-shot example (the feedback sink's curation). */
export const EXAMPLE_STATUSES = ["candidate", "promoted", "retired"] as const;
export type ExampleStatus = (typeof EXAMPLE_STATUSES)[number];
/** One RFC 6902 JSON Patch operation. */
export const jsonPatchOperationSchema = z.object({
  op: z.enum(["add", "remove", "replace", "move", "copy", "test"]),
  path: z.string(),
  from: z.string().optional(),
  value: z.unknown().optional(),
});
export type JsonPatchOperation = z.infer<typeof jsonPatchOperationSchema>;

export const actorSchema = z.object({ type: z.enum(ACTOR_TYPES), id: z.string() });
export type Actor = z.infer<typeof actorSchema>;

export const decisionSchema = z.object({
  action: z.enum(TASK_ACTIONS),
  payload: z.unknown().optional(),
  response: z.string().optional(),
  comment: z.string().optional(),
  actor: actorSchema,
  at: z.string(),
});
export type Decision = z.infer<typeof decisionSchema>;

/** One approval of a task that needs several (quorum). */
export const approvalSchema = z.object({ actor: actorSchema, at: z.string() });
export type Approval = z.infer<typeof approvalSchema>;
