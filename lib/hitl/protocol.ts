import { z } from "zod";
import { ROLES, TASK_ACTIONS, TASK_KINDS, TIMEOUT_OUTCOMES } from "@/lib/contract";

/**
 * The wire format between a paused graph and the engine. A node calls `interrupt(request)`;
 * the engine turns each pending request into one task; the human's decision comes back as
 * the resume value. Pure module (no server-only) so workflows and tests share it.
 */
export const HITL_MARK = "acl/hitl@1";

export { TIMEOUT_OUTCOMES, type TimeoutOutcome } from "@/lib/contract";
const MAX_DURATION_MS = 366 * 24 * 3600 * 1000;
const durationMs = z.number().int().positive().max(MAX_DURATION_MS);

/**
 * How a gate's task is governed, declared by the workflow author beside the gate. The engine
 * carries these into the task; deadlines, reminders, escalation, quorum and who may decide are
 * enforced by lib/tasks.
 */
export const gatePolicySchema = z.object({
  /** The task is due this long after it is created (the engine sets `dueAt` from it). */
  dueInMs: durationMs.nullish(),
  /** Remind the queue's reviewers this long before the deadline. */
  remindBeforeMs: durationMs.nullish(),
  onTimeout: z.enum(TIMEOUT_OUTCOMES).nullish(),
  escalateTo: z.string().min(1).max(100).nullish(),
  /** Distinct approvals needed before an approval counts (default 1). */
  quorum: z.number().int().min(1).max(20).nullish(),
  /** Roles whose approvals count toward the quorum. */
  fromRoles: z.array(z.enum(ROLES)).min(1).nullish(),
  /** Whether whoever started the run may decide its tasks (null: the team's default). */
  requesterMayDecide: z.boolean().nullish(),
});
export type GatePolicy = z.infer<typeof gatePolicySchema>;

export const hitlRequestSchema = gatePolicySchema.extend({
  type: z.literal(HITL_MARK),
  kind: z.enum(TASK_KINDS),
  queue: z.string().min(1).max(100),
  title: z.string().min(1).max(500),
  description: z.string().max(10_000).nullish(),
  payload: z.unknown(),
  schema: z.record(z.string(), z.unknown()).nullish(),
  allowed: z.array(z.enum(TASK_ACTIONS)).min(1),
  confidence: z.number().min(0).max(1).nullish(),
  question: z.string().max(10_000).nullish(),
  dueAt: z.string().datetime().nullish(),
});
export type HitlRequest = z.infer<typeof hitlRequestSchema>;

/** What a node receives back from `interrupt()` for an acl request. */
export const hitlDecisionSchema = z.object({
  action: z.enum(TASK_ACTIONS),
  payload: z.unknown().optional(),
  response: z.string().optional(),
  comment: z.string().optional(),
  actor: z.object({ type: z.string(), id: z.string() }),
  at: z.string(),
});
export type HitlDecision = z.infer<typeof hitlDecisionSchema>;

// ---- LangChain Agent Inbox compatibility (HumanInterrupt / HumanResponse) ----

export const agentInboxInterruptSchema = z.object({
  action_request: z.object({ action: z.string(), args: z.record(z.string(), z.unknown()) }),
  config: z.object({
    allow_ignore: z.boolean(),
    allow_respond: z.boolean(),
    allow_edit: z.boolean(),
    allow_accept: z.boolean(),
  }),
  description: z.string().nullish(),
});
export type AgentInboxInterrupt = z.infer<typeof agentInboxInterruptSchema>;

export type AgentInboxResponse =
  | { type: "accept"; args: AgentInboxInterrupt["action_request"] }
  | { type: "edit"; args: AgentInboxInterrupt["action_request"] }
  | { type: "response"; args: string }
  | { type: "ignore"; args: null };
