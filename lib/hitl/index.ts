import { interrupt } from "@langchain/langgraph";
import type { z } from "zod";
import type { TaskAction } from "@/lib/contract";
import { policyFields, type GatePolicyOptions } from "./policy";
import { HITL_MARK, hitlDecisionSchema, hitlRequestSchema, type HitlDecision, type HitlRequest } from "./protocol";
import { GateError, gateJsonSchema, isZodSchema, parseWith, type JsonSchemaObject } from "./schema";

/**
 * The building blocks a workflow author uses to pause for a human. Each is a typed wrapper
 * over LangGraph's `interrupt()`: the engine turns the request into a review task and the
 * human's decision is the return value. Remember: the node re-runs from its first line on
 * resume, so put side effects after these calls (or key them with `once()` from lib/effects).
 *
 * Give a gate a zod `schema` and it is typed from that one source: reviewers see the JSON
 * Schema derived from it, the engine rejects an edit that fails it (422 naming the path) before
 * anything is recorded, and `gate.payload` is the schema's output type, parsed, with no cast.
 */

export type ApprovalResult<T> =
  | { action: "approve"; payload: T; decision: HitlDecision }
  | { action: "edit"; payload: T; original: T; decision: HitlDecision }
  | { action: "reject"; reason: string | null; decision: HitlDecision };

interface GateCommon extends GatePolicyOptions {
  queue: string;
  title: string;
  description?: string;
  allowEdit?: boolean;
  confidence?: number;
}

/** A gate typed by a zod schema: `payload` is what the schema accepts, the result what it returns. */
export interface TypedGateOptions<S extends z.ZodType> extends GateCommon {
  schema: S;
  /** The drafted action, exactly what will be executed if approved. */
  payload: z.input<S>;
}

/** The untyped form: any payload, optionally a hand-written JSON Schema for edits. */
export interface GateOptions<T> extends GateCommon {
  payload: T;
  schema?: JsonSchemaObject;
}

type Kind = HitlRequest["kind"];

function ask(kind: Kind, options: GateCommon & { payload: unknown; schema?: unknown }, extra: Partial<HitlRequest> = {}): HitlDecision {
  const allowed: TaskAction[] = options.allowEdit === false ? ["approve", "reject"] : ["approve", "edit", "reject"];
  const request = hitlRequestSchema.safeParse({
    type: HITL_MARK,
    kind,
    queue: options.queue,
    title: options.title,
    description: options.description ?? null,
    payload: options.payload,
    schema: isZodSchema(options.schema) ? gateJsonSchema(options.schema) : ((options.schema as JsonSchemaObject | undefined) ?? null),
    allowed,
    confidence: options.confidence ?? null,
    ...policyFields(options),
    ...extra,
  });
  if (!request.success) {
    const issues = request.error.issues.map((i) => `${i.path.join(".") || "request"}: ${i.message}`).join("; ");
    throw new GateError(`The gate '${options.title}' is declared wrongly: ${issues}`);
  }
  return hitlDecisionSchema.parse(interrupt(request.data));
}

function gate(kind: Kind, options: GateCommon & { payload: unknown; schema?: unknown }): ApprovalResult<unknown> {
  const schema = isZodSchema(options.schema) ? options.schema : null;
  // A typed gate checks its own draft first: a workflow bug fails here, not in a reviewer's hands.
  const original = schema ? parseWith(schema, options.payload, "draft") : options.payload;
  const decision = ask(kind, options);
  switch (decision.action) {
    case "approve":
      return { action: "approve", payload: original, decision };
    case "edit":
      return { action: "edit", payload: schema ? parseWith(schema, decision.payload, "edit") : decision.payload, original, decision };
    default:
      return { action: "reject", reason: decision.comment ?? null, decision };
  }
}

/** Approval gate: approve → the drafted payload; edit → the human's payload; reject → reason. */
export function approvalGate<S extends z.ZodType>(options: TypedGateOptions<S>): ApprovalResult<z.output<S>>;
export function approvalGate<T>(options: GateOptions<T>): ApprovalResult<T>;
export function approvalGate(options: GateCommon & { payload: unknown; schema?: unknown }): ApprovalResult<unknown> {
  return gate("approval", options);
}

/** Feedback sink: a human reviews an artifact and may edit it; edits become feedback. */
export function reviewArtifact<S extends z.ZodType>(options: TypedGateOptions<S>): ApprovalResult<z.output<S>>;
export function reviewArtifact<T>(options: GateOptions<T>): ApprovalResult<T>;
export function reviewArtifact(options: GateCommon & { payload: unknown; schema?: unknown }): ApprovalResult<unknown> {
  return gate("review", { ...options, allowEdit: true });
}

export type ClarificationResult =
  | { answeredBy: "agent" }
  | { answeredBy: "human"; answer: string; decision: HitlDecision }
  | { answeredBy: "nobody"; reason: string | null; decision: HitlDecision };

export type TypedClarificationResult<T> =
  | { answeredBy: "agent"; answer: T }
  | { answeredBy: "human"; answer: T; corrected: boolean; decision: HitlDecision }
  | { answeredBy: "nobody"; reason: string | null; decision: HitlDecision };

interface AskOptions extends GatePolicyOptions {
  queue: string;
  question: string;
  title?: string;
  confidence: number;
  threshold?: number;
}

/**
 * Clarification loop: when `confidence` is below `threshold`, ask a human `question`; above it,
 * return at once without a task.
 * - Untyped (`context`): the human answers in words → `{answeredBy: "human", answer: string}`.
 * - Typed (`schema` + `guess`): the human confirms the agent's guess or corrects it in a form
 *   derived from the schema → `answer` is the schema's output, whoever answered.
 */
export function askHuman<S extends z.ZodType>(
  options: AskOptions & { schema: S; guess: z.input<S>; context?: string },
): TypedClarificationResult<z.output<S>>;
export function askHuman(options: AskOptions & { context?: unknown }): ClarificationResult;
export function askHuman(
  options: AskOptions & { context?: unknown; schema?: z.ZodType; guess?: unknown },
): ClarificationResult | TypedClarificationResult<unknown> {
  const threshold = options.threshold ?? 0.7;
  const schema = isZodSchema(options.schema) ? options.schema : null;
  const guess = schema ? parseWith(schema, options.guess, "draft") : undefined;
  if (options.confidence >= threshold) return schema ? { answeredBy: "agent", answer: guess } : { answeredBy: "agent" };
  const common = { queue: options.queue, title: options.title ?? options.question.slice(0, 120), confidence: options.confidence };
  if (schema) {
    const decision = ask(
      "clarification",
      {
        ...options,
        ...common,
        description: typeof options.context === "string" ? options.context : undefined,
        payload: options.guess,
        schema,
      },
      { question: options.question },
    );
    if (decision.action === "reject") return { answeredBy: "nobody", reason: decision.comment ?? null, decision };
    const corrected = decision.action === "edit";
    return { answeredBy: "human", answer: corrected ? parseWith(schema, decision.payload, "edit") : guess, corrected, decision };
  }
  const decision = ask(
    "clarification",
    { ...options, ...common, payload: options.context ?? {} },
    { question: options.question, schema: null, allowed: ["respond", "reject"] },
  );
  if (decision.action === "respond") return { answeredBy: "human", answer: decision.response ?? "", decision };
  return { answeredBy: "nobody", reason: decision.comment ?? null, decision };
}

export { HITL_MARK } from "./protocol";
export { runContext, type RunContext } from "./context";
export { fewShotExamples, FEW_SHOT_LOADER_KEY, type FewShotExample, type FewShotLoader, type FewShotQuery } from "./examples";
export { GateError, GatePayloadError, gateJsonSchema } from "./schema";
export { fanOut, type ChildWorkflow } from "./fan-out";
export type { Duration, GatePolicyOptions } from "./policy";
export type { HitlDecision, HitlRequest, AgentInboxInterrupt, AgentInboxResponse, GatePolicy, TimeoutOutcome } from "./protocol";
