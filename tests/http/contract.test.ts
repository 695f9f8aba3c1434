import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiResponse, type Run, type Task, leads, refundInput } from "./api";
import { newTeam, serverForFile } from "./fixtures";

/**
 * Response conformance: real responses of every operation in the served OpenAPI document are
 * validated against that document (Ajv, JSON Schema 2020-12, no extra properties allowed), so
 * the mappers and the published contract cannot drift apart. The last test fails when an
 * operation was added to the document without being exercised here.
 */
const ctx = serverForFile();

type Operation = { operationId: string; responses: Record<string, { content?: Record<string, { schema: unknown }> }> };
type Doc = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };

let doc: Doc;
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const operations = new Map<string, { method: string; path: string; op: Operation }>();
const covered = new Map<string, Set<string>>();

beforeAll(async () => {
  const res = await fetch(`${ctx.server.url}/api/v1/openapi.json`);
  expect(res.status).toBe(200);
  doc = (await res.json()) as Doc;
  ajv.addSchema({ $id: "acl:components", $defs: resolveRefs(doc.components.schemas) });
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) operations.set(op.operationId, { method, path, op });
  }
});

/** `$ref: #/components/schemas/X` → the schema registered under acl:components. */
function resolveRefs(schema: unknown): unknown {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', '"acl:components#/$defs/'));
}

function conforms(operationId: string, res: ApiResponse, contentType = "application/json") {
  const entry = operations.get(operationId);
  expect(entry, `operation ${operationId} is in the document`).toBeDefined();
  const declared = entry!.op.responses[String(res.status)];
  expect(declared, `${operationId} declares status ${res.status} (body: ${res.text.slice(0, 300)})`).toBeDefined();
  const schema = declared!.content?.[contentType]?.schema;
  expect(schema, `${operationId} ${res.status} has a ${contentType} schema`).toBeDefined();
  const validate = ajv.compile(resolveRefs(schema) as object);
  const bodies =
    contentType === "application/x-ndjson"
      ? res.text
          .trim()
          .split("\n")
          .map((l) => JSON.parse(l))
      : [res.body];
  for (const body of bodies) {
    const ok = validate(body);
    expect(ok, `${operationId} ${res.status}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 800)}`).toBe(true);
  }
  if (!covered.has(operationId)) covered.set(operationId, new Set());
  covered.get(operationId)!.add(String(res.status));
}

describe("every response matches the served OpenAPI document", () => {
  let team: Awaited<ReturnType<typeof newTeam>>;
  let other: Awaited<ReturnType<typeof newTeam>>;
  beforeAll(async () => {
    team = await newTeam(ctx.server);
    other = await newTeam(ctx.server);
  });

  it("discovery: workflows and the document itself", async () => {
    conforms("listWorkflows", await team.api.get("/workflows"));
    const self = await team.api.withKey(null).get("/openapi.json");
    expect(self.status).toBe(200);
    covered.set("getOpenApiDocument", new Set(["200"]));
    conforms("listWorkflows", await team.api.withKey(null).get("/workflows")); // 401 in the Error shape
  });

  it("runs: start, read, long-poll, list, cancel, and their errors", async () => {
    const api = team.api;
    const start = await api.post<Run>("/runs", { workflow: "refund", input: refundInput(120) }, { headers: { "idempotency-key": "c-1" } });
    conforms("startRun", start);
    conforms("startRun", await api.post("/runs", { workflow: "nope", input: {} }));
    conforms(
      "startRun",
      await api.post("/runs", { workflow: "refund", input: refundInput(99) }, { headers: { "idempotency-key": "c-1" } }),
    );
    conforms("startRun", await api.request("POST", "/runs", { raw: "x".repeat(1_100_000) }));
    conforms("getRun", await api.get(`/runs/${start.body.id}?wait=10`));
    conforms("getRun", await api.get(`/runs/${start.body.id}?wait=99`));
    conforms("getRun", await other.api.get(`/runs/${start.body.id}`));
    conforms("listRuns", await api.get("/runs?limit=1"));
    conforms("listRuns", await api.get("/runs?limit=0"));
    conforms("cancelRun", await api.post(`/runs/${start.body.id}/cancel`, { reason: "conformance" }));
    conforms("cancelRun", await api.post(`/runs/${start.body.id}/cancel`, {}));
    conforms("getRun", await api.get(`/runs/${start.body.id}`));
  });

  it("tasks: list, read, create, resume with 200, 409 (with details) and 422 (with failures)", async () => {
    const api = team.api;
    const run = await api.startRun("refund", refundInput(200));
    const [task] = await api.waitingTasks(run.id);
    conforms("listTasks", await api.get(`/tasks?runId=${run.id}`));
    conforms("listTasks", await api.get("/tasks?status=bogus"));
    conforms("getTask", await api.get(`/tasks/${task!.id}`));
    conforms("getTask", await other.api.get(`/tasks/${task!.id}`));
    const invalid = await api.resume(task!.id, { action: "edit", payload: { amount: 10_000 } });
    expect(invalid.status).toBe(422);
    expect(invalid.body.error.details.failures.length).toBeGreaterThan(0);
    conforms("resumeTask", invalid);
    conforms("resumeTask", await api.resume(task!.id, { action: "approve", comment: "ok" }));
    const conflict = await api.resume(task!.id, { action: "reject" });
    expect(conflict.status).toBe(409);
    expect((conflict.body.error.details.task as Task).status).toBe("decided");
    conforms("resumeTask", conflict);
    conforms("resumeTask", await api.resume(task!.id, { action: "dance" }));

    const created = await api.post<Task>("/tasks", { kind: "approval", queue: "ops", title: "Deploy", payload: { v: 1 } });
    conforms("createTask", created);
    conforms("createTask", await api.post("/tasks", { kind: "approval" }));
    conforms("resumeTask", await api.resume(created.body.id, { action: "approve" }));
    conforms("getTask", await api.get(`/tasks/${created.body.id}`));
    const withdrawn = await api.post<Task>("/tasks", { kind: "approval", queue: "ops", title: "Withdrawn", payload: {} });
    conforms("cancelTask", await api.post(`/tasks/${withdrawn.body.id}/cancel`, { reason: "no longer needed" }));
    conforms("cancelTask", await api.post(`/tasks/${withdrawn.body.id}/cancel`)); // 409: already cancelled
    conforms("cancelTask", await api.post(`/tasks/task_doesnotexist/cancel`));
  });

  it("audit and feedback (JSON and JSONL)", async () => {
    const api = team.api;
    const run = await api.startRun("email-outreach", { leads: leads(1, "contract") });
    const [draft] = await api.waitingTasks(run.id);
    await api.decide(draft!.id, { action: "edit", payload: { ...draft!.payload, subject: "Edited subject" } });
    await api.waitForRun(run.id, { until: ["completed"] });
    conforms("listAuditEvents", await api.get(`/audit?subjectId=${draft!.id}`));
    conforms("listAuditEvents", await api.get("/audit?limit=500"));
    conforms("listFeedback", await api.get("/feedback"));
    const jsonl = await api.get("/feedback?format=jsonl");
    expect(jsonl.headers.get("content-type")).toContain("application/x-ndjson");
    conforms("listFeedback", jsonl, "application/x-ndjson");
    for (const format of ["openai", "pairs", "jsonl"]) {
      const exported = await api.get(`/feedback/export?format=${format}&workflow=email-outreach`);
      expect(exported.headers.get("content-type")).toContain("application/x-ndjson");
      expect(exported.text.trim().split("\n")).toHaveLength(1);
      conforms("exportFeedback", exported, "application/x-ndjson");
    }
    conforms("exportFeedback", await api.get("/feedback/export?format=csv"));
  });

  it("analytics, and its 400 for a bad window", async () => {
    const api = team.api;
    const task = await api.post<Task>("/tasks", { kind: "approval", queue: "ops", title: "Count me", payload: { v: 1 } });
    await api.resume(task.body.id, { action: "approve" });
    const figures = await api.get<{ created: number; decided: number; approve: number }>(`/analytics?queue=ops`);
    conforms("getAnalytics", figures);
    expect(figures.body).toMatchObject({ decided: figures.body.approve });
    expect(figures.body.created).toBeGreaterThanOrEqual(1);
    const bad = await api.get("/analytics?from=yesterday");
    expect(bad.status).toBe(400);
    conforms("getAnalytics", bad);
    // Another team's figures never include this one's tasks.
    expect((await other.api.get<{ created: number }>("/analytics?queue=ops")).body.created).toBe(0);
  });

  it("seenHash: a malformed one is a 400, one that does not match the task is a 409 and nothing is recorded", async () => {
    const api = team.api;
    const created = await api.post<Task>("/tasks", { kind: "approval", queue: "ops", title: "Bound", payload: { v: 2 } });
    expect(created.body.seenHash).toMatch(/^[0-9a-f]{64}$/);
    const malformed = await api.resume(created.body.id, { action: "approve", seenHash: "abc" });
    expect(malformed.status).toBe(400);
    conforms("resumeTask", malformed);
    const stale = await api.resume(created.body.id, { action: "approve", seenHash: "0".repeat(64) });
    expect(stale.status).toBe(409);
    expect((stale.body.error.details.task as Task).status).toBe("pending");
    conforms("resumeTask", stale);
    const ok = await api.resume(created.body.id, { action: "approve", seenHash: created.body.seenHash });
    expect(ok.status).toBe(200);
  });

  afterAll(() => {
    // Runs last: every operation of the document was exercised above.
    const missing = [...operations.keys()].filter((id) => !covered.has(id));
    expect(missing, "operations without a conformance check").toEqual([]);
  });
});
