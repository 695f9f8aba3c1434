import { z } from "zod";
import { EXAMPLE_STATUSES, RUN_STATUSES, TASK_ACTIONS, TASK_KINDS, TASK_STATUSES, TIMEOUT_OUTCOMES } from "./enums";

/** Request bodies and query strings of the public API: parsed by the handlers, published in the OpenAPI document. */

export const paginationSchema = z.object({
  limit: z.coerce.number().int().min(1, "limit must be between 1 and 200").max(200, "limit must be between 1 and 200").default(50),
  cursor: z.string().min(1).max(200).optional(),
});

export const startRunBody = z.object({
  workflow: z.string({ error: "workflow is required" }).min(1, "workflow is required"),
  input: z.unknown().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  idempotencyKey: z.string().optional(),
});

export const listRunsQuery = paginationSchema.extend({
  status: z.enum(RUN_STATUSES).optional(),
  workflow: z.string().min(1).optional(),
  parentRunId: z.string().min(1).optional().describe("List this run's child runs instead of the runs clients started."),
});

export const getRunQuery = z.object({
  wait: z.coerce.number().min(0, "wait must be between 0 and 30").max(30, "wait must be between 0 and 30").optional(),
});

export const cancelRunBody = z.object({ reason: z.string().max(2000).optional() });

export const listTasksQuery = paginationSchema.extend({
  status: z.enum(TASK_STATUSES).optional(),
  queue: z.string().min(1).optional(),
  runId: z.string().min(1).optional(),
  kind: z.enum(TASK_KINDS).optional(),
});

export const listAuditQuery = paginationSchema.extend({ subjectId: z.string().min(1).optional() });

export const listFeedbackQuery = paginationSchema.extend({
  workflow: z.string().min(1).optional(),
  exampleStatus: z.enum(EXAMPLE_STATUSES).optional(),
  format: z.enum(["json", "jsonl"]).default("json"),
});

export const FEEDBACK_EXPORT_FORMATS = ["openai", "pairs", "jsonl"] as const;
export type FeedbackExportFormat = (typeof FEEDBACK_EXPORT_FORMATS)[number];
/** `GET /feedback/export`: every matching edit as training data, one JSON object per line. */
export const exportFeedbackQuery = z.object({
  format: z.enum(FEEDBACK_EXPORT_FORMATS).default("openai"),
  workflow: z.string().min(1).optional(),
  exampleStatus: z.enum(EXAMPLE_STATUSES).optional(),
});

/** The resume route's body. */
export const decisionInputSchema = z.object({
  action: z.enum(TASK_ACTIONS),
  payload: z.unknown().optional(),
  response: z.string().max(20_000).optional(),
  comment: z.string().max(5_000).optional(),
  /** The task's `seenHash` when the reviewer looked at it: a task that changed since → 409, nothing recorded. */
  seenHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/, "seenHash must be the task's seenHash (64 hex characters)")
    .optional(),
});
export type DecisionInput = z.infer<typeof decisionInputSchema>;

export const createTaskInputSchema = z
  .object({
    kind: z.enum(TASK_KINDS),
    queue: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .regex(/^[A-Za-z0-9._-]+$/, "queue may contain letters, digits, '.', '_' and '-'"),
    title: z.string().trim().min(1).max(500),
    payload: z.unknown().refine((v) => v !== undefined, "payload is required"),
    description: z.string().max(10_000).nullish(),
    schema: z.record(z.string(), z.unknown()).nullish(),
    allowed: z.array(z.enum(TASK_ACTIONS)).min(1).optional(),
    question: z.string().max(10_000).nullish(),
    confidence: z.number().min(0).max(1).nullish(),
    dueAt: z.string().datetime({ offset: true }).nullish(),
    /** What `dueAt` does (default `expire`): expire or reject (a system rejection), approve, or escalate to `escalateTo`. */
    onTimeout: z.enum(TIMEOUT_OUTCOMES).nullish(),
    /** The queue an `escalate` moves the task to (required with it). */
    escalateTo: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .regex(/^[A-Za-z0-9._-]+$/, "escalateTo may contain letters, digits, '.', '_' and '-'")
      .nullish(),
    callbackUrl: z
      .string()
      .url()
      .refine((u) => /^https?:\/\//.test(u), "callbackUrl must be http(s)")
      .nullish(),
    /** Separation of duties: true lets the creating key decide this task itself (default false). */
    requesterMayDecide: z.boolean().nullish(),
    idempotencyKey: z.string().optional(),
    /** Distinct approvals needed (default 1); with more, `edit` is not accepted and one rejection ends it. */
    quorum: z.number().int().min(1).max(20).optional(),
  })
  .superRefine((t, ctx) => {
    if (t.onTimeout === "escalate" && !t.escalateTo) {
      ctx.addIssue({ code: "custom", path: ["escalateTo"], message: "escalateTo (a queue) is required when onTimeout is 'escalate'" });
    }
  });
export type CreateTaskInput = z.infer<typeof createTaskInputSchema>;

const isoInstant = z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time, e.g. 2026-03-04T14:05:00Z" });

export const analyticsQuery = z
  .object({
    workflow: z.string().min(1).max(100).optional(),
    queue: z.string().min(1).max(100).optional(),
    /** Tasks created at or after this instant. */
    from: isoInstant.optional(),
    /** Tasks created before this instant. */
    to: isoInstant.optional(),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), { message: "from must be before to", path: ["from"] });
