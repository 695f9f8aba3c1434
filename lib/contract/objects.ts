import { z } from "zod";
import {
  actorSchema,
  approvalSchema,
  decisionSchema,
  EXAMPLE_STATUSES,
  jsonPatchOperationSchema,
  RUN_STATUSES,
  TASK_ACTIONS,
  TASK_KINDS,
  TASK_STATUSES,
  TIMEOUT_OUTCOMES,
} from "./enums";

/**
 * Response objects of the public API. The mappers in lib/ return these types and the OpenAPI
 * document is generated from these schemas, so the two cannot drift (tests/http/contract.test.ts
 * validates real responses against the served document).
 */
const isoTime = z.string().describe("ISO-8601 UTC timestamp");

export const runSchema = z.object({
  id: z.string(),
  workflow: z.string(),
  status: z.enum(RUN_STATUSES),
  input: z.unknown(),
  output: z.unknown().nullable(),
  error: z.object({ message: z.string() }).nullable(),
  metadata: z.record(z.string(), z.unknown()),
  pendingTaskIds: z.array(z.string()),
  createdBy: actorSchema.nullable(),
  createdAt: isoTime,
  updatedAt: isoTime,
  completedAt: isoTime.nullable(),
  parentRunId: z
    .string()
    .nullable()
    .describe("The run that started this one as a child run (fan-out); null for runs a client started. GET /runs?parentRunId= lists them."),
});
export type Run = z.infer<typeof runSchema>;

export const taskSchema = z.object({
  id: z.string(),
  runId: z.string().nullable(),
  workflow: z.string().nullable(),
  kind: z.enum(TASK_KINDS),
  queue: z.string(),
  status: z.enum(TASK_STATUSES),
  title: z.string(),
  description: z.string().nullable(),
  payload: z.unknown(),
  schema: z.record(z.string(), z.unknown()).nullable(),
  allowed: z.array(z.enum(TASK_ACTIONS)),
  confidence: z.number().nullable(),
  question: z.string().nullable(),
  decision: decisionSchema.nullable(),
  assignee: z.string().nullable(),
  dueAt: isoTime.nullable(),
  /** What `dueAt` does: expire (the default, also when null), reject, approve or escalate to `escalateTo`. */
  onTimeout: z.enum(TIMEOUT_OUTCOMES).nullable(),
  escalateTo: z.string().nullable(),
  /** When the queue is reminded of the deadline (null: no reminder). */
  remindAt: isoTime.nullable(),
  /** The queue an escalated task came from, and when its deadline moved it. */
  escalatedFrom: z.string().nullable(),
  escalatedAt: isoTime.nullable(),
  createdAt: isoTime,
  decidedAt: isoTime.nullable(),
  /** Who asked (started the run or created the task); separation of duties keeps a requesting key from deciding. */
  requestedBy: actorSchema.nullable(),
  requesterMayDecide: z.boolean().nullable(),
  /** Distinct approvals the task needs (1 for most; 2 for a refund above 10,000). */
  quorum: z.number().int(),
  /** Approvals so far while a quorum task is pending, oldest first. */
  approvals: z.array(approvalSchema),
  /** SHA-256 of what a reviewer is shown; send it back as the resume route's `seenHash`. */
  seenHash: z.string(),
});
export type Task = z.infer<typeof taskSchema>;

export const auditEventSchema = z.object({
  id: z.string(),
  at: isoTime,
  actor: actorSchema,
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const feedbackSchema = z.object({
  id: z.string(),
  taskId: z.string(),
  runId: z.string().nullable(),
  workflow: z.string().nullable(),
  original: z.unknown(),
  edited: z.unknown(),
  diff: z.unknown(),
  /** RFC 6902 JSON Patch: original → edited. */
  patch: z.array(jsonPatchOperationSchema),
  /** Unified diff of the changed fields as text. */
  textDiff: z.string(),
  /** Who edited (null for edits stored before editors were kept). */
  editor: actorSchema.nullable(),
  comment: z.string().nullable(),
  exampleStatus: z.enum(EXAMPLE_STATUSES),
  at: isoTime,
});
export type Feedback = z.infer<typeof feedbackSchema>;

/** One line of `GET /feedback?format=jsonl`: exactly the contract's fields, ready for a training set. */
export const feedbackLineSchema = feedbackSchema.pick({ taskId: true, workflow: true, original: true, edited: true, diff: true, at: true });
export type FeedbackLine = z.infer<typeof feedbackLineSchema>;
export const toFeedbackLine = ({ taskId, workflow, original, edited, diff, at }: Feedback): FeedbackLine => ({
  taskId,
  workflow,
  original,
  edited,
  diff,
  at,
});

/** One line of `GET /feedback/export?format=openai`: OpenAI's chat fine-tuning format. */
export const feedbackChatLineSchema = z.object({
  messages: z.array(z.object({ role: z.enum(["system", "user", "assistant"]), content: z.string() })).length(3),
});
export type FeedbackChatLine = z.infer<typeof feedbackChatLineSchema>;
/** One line of `GET /feedback/export?format=pairs`: a plain prompt/completion pair. */
export const feedbackPairLineSchema = z.object({ prompt: z.string(), completion: z.string() });
export type FeedbackPairLine = z.infer<typeof feedbackPairLineSchema>;

export const workflowSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  inputSchema: z.record(z.string(), z.unknown()),
});
export type Workflow = z.infer<typeof workflowSchema>;

/** One failing path of an edited payload (422 `details.failures`), e.g. "payload.amount". */
export const fieldFailureSchema = z.object({ path: z.string(), message: z.string() });
export type FieldFailure = z.infer<typeof fieldFailureSchema>;

export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** Machine-readable context, e.g. the task as it is now on a 409, the failing paths on a 422. */
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorSchema>;

export const pageSchema = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
export type Page<T> = { items: T[]; nextCursor: string | null };

export const resumeResultSchema = z.object({ task: taskSchema, run: runSchema.nullable() });
export type ResumeResult = z.infer<typeof resumeResultSchema>;

/** `GET /analytics`: decision figures over the tasks created in a window. Rates are fractions of decided tasks. */
export const analyticsSchema = z.object({
  created: z.number().int(),
  decided: z.number().int(),
  pending: z.number().int(),
  approve: z.number().int(),
  edit: z.number().int(),
  reject: z.number().int(),
  respond: z.number().int(),
  expired: z.number().int(),
  approvalRate: z.number().nullable(),
  editRate: z.number().nullable(),
  rejectRate: z.number().nullable(),
  /** createdAt → decidedAt of decided tasks, in milliseconds (null when none). */
  decisionMs: z.object({ p50: z.number().nullable(), p90: z.number().nullable() }),
});
export type Analytics = z.infer<typeof analyticsSchema>;
