import { interrupt } from "@langchain/langgraph";
import { HITL_MARK, hitlDecisionSchema, type HitlDecision, type HitlRequest } from "./protocol";

/**
 * The building blocks a workflow author uses to pause for a human. Each is a typed wrapper
 * over LangGraph's `interrupt()`: the engine turns the request into a review task and the
 * human's decision is the return value. Remember: the node re-runs from its first line on
 * resume, so put side effects after these calls (or key them, see lib/workflows/effects.ts).
 */

export type ApprovalResult<T> =
  | { action: "approve"; payload: T; decision: HitlDecision }
  | { action: "edit"; payload: T; original: T; decision: HitlDecision }
  | { action: "reject"; reason: string | null; decision: HitlDecision };

interface GateOptions<T> {
  queue: string;
  title: string;
  description?: string;
  /** The drafted action, exactly what will be executed if approved. */
  payload: T;
  /** JSON Schema an edited payload must satisfy. */
  schema?: Record<string, unknown>;
  allowEdit?: boolean;
  confidence?: number;
  dueAt?: Date;
}

function ask(request: Omit<HitlRequest, "type">): HitlDecision {
  const raw = interrupt({ type: HITL_MARK, ...request });
  return hitlDecisionSchema.parse(raw);
}

/** Approval gate: approve → the drafted payload; edit → the human's payload; reject → reason. */
export function approvalGate<T>(options: GateOptions<T>): ApprovalResult<T> {
  const decision = ask({
    kind: "approval",
    queue: options.queue,
    title: options.title,
    description: options.description ?? null,
    payload: options.payload,
    schema: options.schema ?? null,
    allowed: options.allowEdit === false ? ["approve", "reject"] : ["approve", "edit", "reject"],
    confidence: options.confidence ?? null,
    dueAt: options.dueAt?.toISOString() ?? null,
  });
  return toApprovalResult(decision, options.payload);
}

/** Feedback sink: a human reviews an artifact and may edit it; edits become feedback. */
export function reviewArtifact<T>(options: GateOptions<T>): ApprovalResult<T> {
  const decision = ask({
    kind: "review",
    queue: options.queue,
    title: options.title,
    description: options.description ?? null,
    payload: options.payload,
    schema: options.schema ?? null,
    allowed: ["approve", "edit", "reject"],
    confidence: options.confidence ?? null,
    dueAt: options.dueAt?.toISOString() ?? null,
  });
  return toApprovalResult(decision, options.payload);
}

function toApprovalResult<T>(decision: HitlDecision, original: T): ApprovalResult<T> {
  switch (decision.action) {
    case "approve":
      return { action: "approve", payload: original, decision };
    case "edit":
      return { action: "edit", payload: decision.payload as T, original, decision };
    default:
      return { action: "reject", reason: decision.comment ?? null, decision };
  }
}

export type ClarificationResult =
  | { answeredBy: "agent" }
  | { answeredBy: "human"; answer: string; decision: HitlDecision }
  | { answeredBy: "nobody"; reason: string | null; decision: HitlDecision };

/**
 * Clarification loop: when `confidence` is below `threshold`, ask a human `question`.
 * Above it, returns at once without a task.
 */
export function askHuman(options: {
  queue: string;
  question: string;
  title?: string;
  context?: unknown;
  confidence: number;
  threshold?: number;
  dueAt?: Date;
}): ClarificationResult {
  const threshold = options.threshold ?? 0.7;
  if (options.confidence >= threshold) return { answeredBy: "agent" };
  const decision = ask({
    kind: "clarification",
    queue: options.queue,
    title: options.title ?? options.question.slice(0, 120),
    description: null,
    payload: options.context ?? {},
    schema: null,
    allowed: ["respond", "reject"],
    confidence: options.confidence,
    question: options.question,
    dueAt: options.dueAt?.toISOString() ?? null,
  });
  if (decision.action === "respond") return { answeredBy: "human", answer: decision.response ?? "", decision };
  return { answeredBy: "nobody", reason: decision.comment ?? null, decision };
}

export { HITL_MARK } from "./protocol";
export type { HitlDecision, HitlRequest, AgentInboxInterrupt, AgentInboxResponse } from "./protocol";
