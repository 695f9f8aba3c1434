import { z } from "zod";
import { RUN_STATUSES, TASK_ACTIONS, TASK_KINDS, TASK_STATUSES } from "@/db/schema";
import { decisionInputSchema } from "@/lib/tasks/decide";
import { createTaskInputSchema } from "@/lib/tasks/create";
import { listAuditQuery, listFeedbackQuery, listRunsQuery, listTasksQuery, startRunBody, getRunQuery, cancelRunBody } from "./schemas";

/** The contract as OpenAPI 3.1, generated from the same zod schemas the handlers parse with. */
const actor = z.object({ type: z.enum(["user", "api_key", "system"]), id: z.string() });
const run = z.object({
  id: z.string(),
  workflow: z.string(),
  status: z.enum(RUN_STATUSES),
  input: z.unknown(),
  output: z.unknown().nullable(),
  error: z.object({ message: z.string() }).nullable(),
  metadata: z.record(z.string(), z.unknown()),
  pendingTaskIds: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  completedAt: z.string().nullable(),
});
const decision = z.object({
  action: z.enum(TASK_ACTIONS),
  payload: z.unknown().optional(),
  response: z.string().optional(),
  comment: z.string().optional(),
  actor,
  at: z.string(),
});
const task = z.object({
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
  decision: decision.nullable(),
  assignee: z.string().nullable(),
  dueAt: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
const auditEvent = z.object({
  id: z.string(),
  at: z.string(),
  actor,
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  data: z.record(z.string(), z.unknown()),
});
const feedbackItem = z.object({
  taskId: z.string(),
  workflow: z.string().nullable(),
  original: z.unknown(),
  edited: z.unknown(),
  diff: z.unknown(),
  at: z.string(),
});
const workflow = z.object({ id: z.string(), name: z.string(), description: z.string(), inputSchema: z.record(z.string(), z.unknown()) });
const error = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
const page = (item: z.ZodType) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

const js = (schema: z.ZodType, io: "input" | "output" = "output") => z.toJSONSchema(schema, { io, unrepresentable: "any" });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const content = (schema: unknown) => ({ "application/json": { schema } });

function queryParams(schema: z.ZodObject) {
  return Object.entries(schema.shape).map(([name, s]) => ({ name, in: "query", required: false, schema: js(s as z.ZodType, "input") }));
}
const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } };
const errors = Object.fromEntries(
  [
    ["400", "invalid_request"],
    ["401", "unauthenticated"],
    ["403", "forbidden"],
    ["404", "not_found"],
    ["409", "conflict"],
    ["413", "payload_too_large"],
    ["422", "unprocessable"],
    ["429", "rate_limited"],
  ].map(([status, code]) => [status, { description: code, content: content(ref("Error")) }]),
);
const ok = (status: string, schema: unknown) => ({ [status]: { description: "OK", content: content(schema) }, ...errors });
const body = (schema: z.ZodType) => ({ required: true, content: content(js(schema, "input")) });
const idempotencyHeader = { name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", maxLength: 255 } };

export function openApiDocument(serverUrl: string) {
  return {
    openapi: "3.1.0",
    info: { title: "AgentControlLayer API", version: "1.0.0", description: "Human-in-the-loop control plane for AI agents." },
    servers: [{ url: `${serverUrl}/api/v1` }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "A team API key (acl_live_…)" } },
      schemas: {
        Run: js(run),
        Task: js(task),
        AuditEvent: js(auditEvent),
        Feedback: js(feedbackItem),
        Workflow: js(workflow),
        Error: js(error),
      },
    },
    paths: {
      "/workflows": {
        get: {
          summary: "Registered workflows",
          responses: ok("200", { type: "object", properties: { items: { type: "array", items: ref("Workflow") } } }),
        },
      },
      "/runs": {
        post: {
          summary: "Start a run",
          parameters: [idempotencyHeader],
          requestBody: body(startRunBody),
          responses: ok("202", ref("Run")),
        },
        get: { summary: "List runs, newest first", parameters: queryParams(listRunsQuery), responses: ok("200", js(page(run))) },
      },
      "/runs/{id}": {
        get: {
          summary: "One run; ?wait=N long-polls",
          parameters: [idParam, ...queryParams(getRunQuery)],
          responses: ok("200", ref("Run")),
        },
      },
      "/runs/{id}/cancel": {
        post: {
          summary: "Cancel a run",
          parameters: [idParam],
          requestBody: { ...body(cancelRunBody), required: false },
          responses: ok("200", ref("Run")),
        },
      },
      "/tasks": {
        get: { summary: "List tasks, oldest first", parameters: queryParams(listTasksQuery), responses: ok("200", js(page(task))) },
        post: {
          summary: "Create a standalone review task",
          parameters: [idempotencyHeader],
          requestBody: body(createTaskInputSchema),
          responses: ok("201", ref("Task")),
        },
      },
      "/tasks/{id}": { get: { summary: "One task", parameters: [idParam], responses: ok("200", ref("Task")) } },
      "/tasks/{id}/resume": {
        post: {
          summary: "Decide a task and resume its run (the resume route)",
          parameters: [idParam],
          requestBody: body(decisionInputSchema),
          responses: ok("200", { type: "object", properties: { task: ref("Task"), run: { anyOf: [ref("Run"), { type: "null" }] } } }),
        },
      },
      "/audit": {
        get: {
          summary: "Audit history, newest first",
          parameters: queryParams(listAuditQuery),
          responses: ok("200", js(page(auditEvent))),
        },
      },
      "/feedback": {
        get: {
          summary: "Human edits (JSON or JSONL)",
          parameters: queryParams(listFeedbackQuery),
          responses: ok("200", js(page(feedbackItem))),
        },
      },
    },
  };
}
