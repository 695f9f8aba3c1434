import createFetchClient, { type Client } from "openapi-fetch";
import type { components, operations, paths } from "./schema";

/**
 * A typed client for the AgentControlLayer API (/api/v1). The types come from the served
 * OpenAPI document (`npm run client:generate`), the calls go through openapi-fetch: `client.api`
 * is the raw typed client for any operation, and the helpers below cover an agent's usual path.
 *
 *   const acl = createAclClient({ baseUrl: "http://localhost:3000", apiKey: process.env.ACL_KEY! });
 *   const run = await acl.startRun("refund", { orderId: "1042", amount: 120, ... });
 *   const paused = await acl.waitForRun(run.id);            // → status "waiting", pendingTaskIds
 *   await reviewer.resume(paused.pendingTaskIds[0]!, { action: "approve" });
 *   const done = await acl.waitForRun(run.id);              // → status "completed", output
 */

export type { components, operations, paths } from "./schema";
export { verifyWebhook, type WebhookEventType } from "./webhook";

type Schemas = components["schemas"];
export type Run = Schemas["Run"];
export type Task = Schemas["Task"];
export type AuditEvent = Schemas["AuditEvent"];
export type Feedback = Schemas["Feedback"];
export type Workflow = Schemas["Workflow"];
export type ApiErrorBody = Schemas["Error"];
export type RunStatus = Run["status"];
export type TaskStatus = Task["status"];
type JsonBody<Op> = Op extends { requestBody: { content: { "application/json": infer B } } }
  ? B
  : Op extends { requestBody?: { content: { "application/json": infer B } } }
    ? B
    : never;
export type CreateTaskBody = JsonBody<operations["createTask"]>;
export type ResumeBody = JsonBody<operations["resumeTask"]>;
export type ResumeResult = { task: Task; run: Run | null };
/** A webhook body, as delivered to a task's callbackUrl. */
export interface WebhookEvent {
  type: "task.decided" | "task.expired" | "task.cancelled";
  task: Task;
}

/** An answer other than 2xx, in the contract's error shape. */
export class AclApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly response?: Response,
  ) {
    super(`${status} ${code}: ${message}`);
    this.name = "AclApiError";
  }
}

export interface AclClientOptions {
  /** The app's origin (`https://acl.example.com`) or its API base (`…/api/v1`). */
  baseUrl: string;
  /** A team API key (`acl_live_…`), sent as `Authorization: Bearer`. */
  apiKey: string;
  /** A fetch implementation (tests, proxies); the global one by default. */
  fetch?: typeof globalThis.fetch;
  headers?: Record<string, string>;
}

export interface WaitOptions {
  /** Give up after this long (default 5 minutes); throws a TimeoutError-named Error. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

const ACTIVE: ReadonlySet<RunStatus> = new Set(["queued", "running"]);
const TERMINAL: ReadonlySet<RunStatus> = new Set(["completed", "failed", "cancelled"]);

function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok && result.data !== undefined) return result.data;
  const body = result.error as Partial<ApiErrorBody> | undefined;
  const code = body?.error?.code ?? "http_error";
  const message = body?.error?.message ?? `HTTP ${result.response.status} from ${result.response.url}`;
  throw new AclApiError(result.response.status, code, message, result.response);
}

function sleep(ms: number, signal?: AbortSignal) {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });
}

function timeoutError(what: string) {
  const err = new Error(`Timed out waiting for ${what}`);
  err.name = "TimeoutError";
  return err;
}

export function createAclClient(options: AclClientOptions) {
  const base = options.baseUrl.replace(/\/+$/, "");
  const api: Client<paths> = createFetchClient<paths>({
    baseUrl: base.endsWith("/api/v1") ? base : `${base}/api/v1`,
    headers: { ...options.headers, authorization: `Bearer ${options.apiKey}` },
    fetch: options.fetch,
  });
  const idempotency = (key?: string) => (key ? { header: { "Idempotency-Key": key } } : {});

  async function getRun(id: string, wait?: number): Promise<Run> {
    return unwrap(await api.GET("/runs/{id}", { params: { path: { id }, query: wait === undefined ? {} : { wait } } }));
  }

  async function getTask(id: string): Promise<Task> {
    return unwrap(await api.GET("/tasks/{id}", { params: { path: { id } } }));
  }

  return {
    /** The raw openapi-fetch client: every operation of the OpenAPI document, typed. */
    api,
    getRun: (id: string) => getRun(id),
    getTask,

    /** POST /runs → the run (202, status `queued` or later). */
    async startRun(workflow: string, input: unknown, opts: { metadata?: Record<string, unknown>; idempotencyKey?: string } = {}) {
      return unwrap(
        await api.POST("/runs", { params: idempotency(opts.idempotencyKey), body: { workflow, input, metadata: opts.metadata } }),
      );
    },

    /**
     * Long-polls GET /runs/{id}?wait until the run leaves queued/running (or reaches one of
     * `until`). A run that ends in another terminal status than asked for throws.
     */
    async waitForRun(id: string, opts: WaitOptions & { until?: RunStatus[] } = {}): Promise<Run> {
      const deadline = Date.now() + (opts.timeoutMs ?? 300_000);
      for (;;) {
        opts.signal?.throwIfAborted();
        const left = Math.ceil((deadline - Date.now()) / 1000);
        if (left <= 0) throw timeoutError(`run ${id}`);
        const run = await getRun(id, Math.min(left, 10));
        if (opts.until ? opts.until.includes(run.status) : !ACTIVE.has(run.status)) return run;
        if (TERMINAL.has(run.status)) throw new Error(`Run ${id} ended ${run.status} before reaching ${opts.until?.join("/")}`);
        // `waiting` answers ?wait at once: pause before asking again.
        if (!ACTIVE.has(run.status)) await sleep(Math.min(1000, Math.max(0, deadline - Date.now())), opts.signal);
      }
    },

    /** POST /runs/{id}/cancel. */
    async cancelRun(id: string, reason?: string) {
      return unwrap(await api.POST("/runs/{id}/cancel", { params: { path: { id } }, body: reason ? { reason } : {} }));
    },

    /** POST /tasks: a standalone review request → the pending task (201). */
    async createTask(body: CreateTaskBody, opts: { idempotencyKey?: string } = {}) {
      return unwrap(await api.POST("/tasks", { params: idempotency(opts.idempotencyKey), body }));
    },

    /** Polls GET /tasks/{id} until it leaves `pending` (decided, expired or cancelled). */
    async waitForDecision(id: string, opts: WaitOptions & { intervalMs?: number } = {}): Promise<Task> {
      const deadline = Date.now() + (opts.timeoutMs ?? 300_000);
      for (;;) {
        opts.signal?.throwIfAborted();
        const task = await getTask(id);
        if (task.status !== "pending") return task;
        if (Date.now() >= deadline) throw timeoutError(`a decision on task ${id}`);
        await sleep(Math.min(opts.intervalMs ?? 1000, Math.max(0, deadline - Date.now())), opts.signal);
      }
    },

    /** POST /tasks/{id}/resume: record a decision and resume the run → {task, run}. 409 when already decided. */
    async resume(id: string, body: ResumeBody): Promise<ResumeResult> {
      return unwrap(await api.POST("/tasks/{id}/resume", { params: { path: { id } }, body }));
    },

    /** GET /tasks, following nextCursor. */
    async listTasks(query: NonNullable<operations["listTasks"]["parameters"]["query"]> = {}): Promise<Task[]> {
      const items: Task[] = [];
      let cursor: string | undefined = query.cursor;
      do {
        const page = unwrap(await api.GET("/tasks", { params: { query: { ...query, limit: 200, cursor } } }));
        items.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return items;
    },
  };
}

export type AclClient = ReturnType<typeof createAclClient>;
