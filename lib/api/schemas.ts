import { z } from "zod";
import { RUN_STATUSES, TASK_KINDS, TASK_STATUSES } from "@/db/schema";
import { paginationSchema } from "./body";

/** Request schemas of the public API, shared by the handlers and the OpenAPI document. */
export const startRunBody = z.object({
  workflow: z.string({ error: "workflow is required" }).min(1, "workflow is required"),
  input: z.unknown().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  idempotencyKey: z.string().optional(),
});

export const listRunsQuery = paginationSchema.extend({
  status: z.enum(RUN_STATUSES).optional(),
  workflow: z.string().min(1).optional(),
});

export const getRunQuery = z.object({
  wait: z.coerce.number().min(0, "wait must be between 0 and 30").max(30, "wait must be between 0 and 30").optional(),
});

export const listTasksQuery = paginationSchema.extend({
  status: z.enum(TASK_STATUSES).optional(),
  queue: z.string().min(1).optional(),
  runId: z.string().min(1).optional(),
  kind: z.enum(TASK_KINDS).optional(),
});

export const listAuditQuery = paginationSchema.extend({ subjectId: z.string().min(1).optional() });

export const listFeedbackQuery = paginationSchema.extend({
  workflow: z.string().min(1).optional(),
  format: z.enum(["json", "jsonl"]).default("json"),
});

export const cancelRunBody = z.object({ reason: z.string().max(2000).optional() });
