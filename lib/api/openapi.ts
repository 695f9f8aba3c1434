import { z } from "zod";
import {
  analyticsQuery,
  analyticsSchema,
  auditEventSchema,
  cancelRunBody,
  createTaskInputSchema,
  decisionInputSchema,
  errorSchema,
  exportFeedbackQuery,
  feedbackChatLineSchema,
  feedbackLineSchema,
  feedbackPairLineSchema,
  feedbackSchema,
  getRunQuery,
  listAuditQuery,
  listFeedbackQuery,
  listRunsQuery,
  listTasksQuery,
  runSchema,
  startRunBody,
  taskSchema,
  workflowSchema,
} from "@/lib/contract";

/**
 * The contract as OpenAPI 3.1, generated from lib/contract: the same zod schemas the handlers
 * parse requests with and the mappers type their responses with. Every operation has an
 * `operationId`, so generated clients get method names.
 */
/** JSON Schema 2020-12 (OpenAPI 3.1's dialect) without a per-schema `$schema`: the document declares it once. */
function js(schema: z.ZodType, io: "input" | "output" = "output") {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" });
  return rest;
}
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const content = (schema: unknown) => ({ "application/json": { schema } });
const page = (name: string) => ({
  type: "object",
  required: ["items", "nextCursor"],
  properties: { items: { type: "array", items: ref(name) }, nextCursor: { type: ["string", "null"] } },
  additionalProperties: false,
});

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
    info: { title: "AgentControlLayer API", version: "1.1.0", description: "Human-in-the-loop control plane for AI agents." },
    servers: [{ url: `${serverUrl}/api/v1` }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "A team API key (acl_live_…)" } },
      schemas: {
        Run: js(runSchema),
        Task: js(taskSchema),
        AuditEvent: js(auditEventSchema),
        Feedback: js(feedbackSchema),
        FeedbackLine: js(feedbackLineSchema),
        FeedbackChatLine: js(feedbackChatLineSchema),
        FeedbackPairLine: js(feedbackPairLineSchema),
        Workflow: js(workflowSchema),
        Error: js(errorSchema),
        Analytics: js(analyticsSchema),
        RunPage: page("Run"),
        TaskPage: page("Task"),
        AuditEventPage: page("AuditEvent"),
        FeedbackPage: page("Feedback"),
      },
    },
    paths: {
      "/workflows": {
        get: {
          operationId: "listWorkflows",
          summary: "Registered workflows",
          responses: ok("200", {
            type: "object",
            required: ["items"],
            properties: { items: { type: "array", items: ref("Workflow") } },
            additionalProperties: false,
          }),
        },
      },
      "/runs": {
        post: {
          operationId: "startRun",
          summary: "Start a run",
          parameters: [idempotencyHeader],
          requestBody: body(startRunBody),
          responses: ok("202", ref("Run")),
        },
        get: {
          operationId: "listRuns",
          summary: "List runs, newest first",
          parameters: queryParams(listRunsQuery),
          responses: ok("200", ref("RunPage")),
        },
      },
      "/runs/{id}": {
        get: {
          operationId: "getRun",
          summary: "One run; ?wait=N long-polls",
          parameters: [idParam, ...queryParams(getRunQuery)],
          responses: ok("200", ref("Run")),
        },
      },
      "/runs/{id}/cancel": {
        post: {
          operationId: "cancelRun",
          summary: "Cancel a run",
          parameters: [idParam],
          requestBody: { ...body(cancelRunBody), required: false },
          responses: ok("200", ref("Run")),
        },
      },
      "/tasks": {
        get: {
          operationId: "listTasks",
          summary: "List tasks, oldest first",
          parameters: queryParams(listTasksQuery),
          responses: ok("200", ref("TaskPage")),
        },
        post: {
          operationId: "createTask",
          summary: "Create a standalone review task",
          parameters: [idempotencyHeader],
          requestBody: body(createTaskInputSchema),
          responses: ok("201", ref("Task")),
        },
      },
      "/tasks/{id}": { get: { operationId: "getTask", summary: "One task", parameters: [idParam], responses: ok("200", ref("Task")) } },
      "/tasks/{id}/cancel": {
        post: {
          operationId: "cancelTask",
          summary: "Withdraw a pending standalone task (its callbackUrl gets task.cancelled)",
          parameters: [idParam],
          requestBody: { ...body(cancelRunBody), required: false },
          responses: ok("200", ref("Task")),
        },
      },
      "/tasks/{id}/resume": {
        post: {
          operationId: "resumeTask",
          summary: "Decide a task and resume its run (the resume route)",
          parameters: [idParam],
          requestBody: body(decisionInputSchema),
          responses: ok("200", {
            type: "object",
            required: ["task", "run"],
            properties: { task: ref("Task"), run: { anyOf: [ref("Run"), { type: "null" }] } },
            additionalProperties: false,
          }),
        },
      },
      "/audit": {
        get: {
          operationId: "listAuditEvents",
          summary: "Audit history, newest first",
          parameters: queryParams(listAuditQuery),
          responses: ok("200", ref("AuditEventPage")),
        },
      },
      "/feedback": {
        get: {
          operationId: "listFeedback",
          summary: "Human edits (JSON, or JSONL with format=jsonl)",
          parameters: queryParams(listFeedbackQuery),
          responses: {
            ...ok("200", ref("FeedbackPage")),
            "200": {
              description: "OK",
              content: { ...content(ref("FeedbackPage")), "application/x-ndjson": { schema: ref("FeedbackLine") } },
            },
          },
        },
      },
      "/analytics": {
        get: {
          operationId: "getAnalytics",
          summary: "Decision figures over the tasks created in a window (rates are fractions of decided tasks)",
          parameters: queryParams(analyticsQuery),
          responses: ok("200", ref("Analytics")),
        },
      },
      "/feedback/export": {
        get: {
          operationId: "exportFeedback",
          summary:
            "Human edits as training data: OpenAI chat fine-tuning JSONL (format=openai), prompt/completion pairs (pairs) or the feedback lines (jsonl), streamed",
          parameters: queryParams(exportFeedbackQuery),
          responses: {
            ...errors,
            "200": {
              description: "One JSON object per line",
              content: {
                "application/x-ndjson": { schema: { anyOf: [ref("FeedbackChatLine"), ref("FeedbackPairLine"), ref("FeedbackLine")] } },
              },
            },
          },
        },
      },
      "/openapi.json": {
        get: {
          operationId: "getOpenApiDocument",
          summary: "This document",
          security: [],
          responses: { "200": { description: "OpenAPI 3.1" } },
        },
      },
    },
  };
}
