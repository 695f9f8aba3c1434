import { expect } from "vitest";
import http from "node:http";

/** A small client for the public API (shared/API.md), as an agent would use it. */

export interface Decision {
  action: "approve" | "edit" | "reject" | "respond";
  payload?: unknown;
  response?: string;
  comment?: string;
  actor: { type: string; id: string };
  at: string;
}

export interface Run {
  id: string;
  workflow: string;
  status: "queued" | "running" | "waiting" | "completed" | "failed" | "cancelled";
  input: unknown;
  output: any; // differs per workflow
  error: { message: string } | null;
  metadata: Record<string, unknown>;
  pendingTaskIds: string[];
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
}

export interface Task {
  id: string;
  runId: string | null;
  kind: "approval" | "clarification" | "review";
  queue: string;
  status: "pending" | "decided" | "expired" | "cancelled";
  title: string;
  description: string | null;
  payload: any; // differs per workflow and task
  schema: Record<string, unknown> | null;
  allowed: string[];
  confidence: number | null;
  question: string | null;
  decision: Decision | null;
  assignee: string | null;
  dueAt: string | null;
  onTimeout?: "expire" | "reject" | "approve" | "escalate" | null;
  escalatedFrom?: string | null;
  createdAt: string;
  decidedAt: string | null;
  requestedBy: { type: string; id: string } | null;
  requesterMayDecide: boolean | null;
  quorum: number;
  approvals: Array<{ actor: { type: string; id: string }; at: string }>;
  seenHash: string;
}

export interface AuditEvent {
  id: string;
  at: string;
  actor: { type: string; id: string };
  action: string;
  subjectType: string;
  subjectId: string;
  data: Record<string, unknown>;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  text: string;
  body: T & Record<string, any>; // tests read error and success bodies alike
}

export interface RequestOptions {
  /** JSON-encoded unless `raw` is given. */
  body?: unknown;
  /** A body sent as is (malformed JSON, huge payloads). */
  raw?: string | Uint8Array<ArrayBuffer>;
  headers?: Record<string, string>;
  /** Overrides the client's key; null sends no Authorization header. */
  key?: string | null;
  timeoutMs?: number;
}

export type ResumeInput = { action: string; payload?: unknown; response?: string; comment?: string; seenHash?: string };

const ACTIVE = new Set(["queued", "running"]);

export class Api {
  constructor(
    private readonly server: { url: string },
    readonly key: string | null,
    /**
     * The key `resume`/`decide` use (scope `decide`). Separation of duties: the agent's key that
     * started a run never decides its tasks, so a team's client decides with its reviewer key.
     */
    readonly deciderKey: string | null = null,
  ) {}

  withKey(key: string | null) {
    return new Api(this.server, key);
  }

  /** This client with a reviewer key for `resume`/`decide`. */
  withDecider(key: string | null) {
    return new Api(this.server, this.key, key);
  }

  async request<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    const key = options.key === undefined ? this.key : options.key;
    if (key) headers.authorization = `Bearer ${key}`;
    let body: string | Uint8Array<ArrayBuffer> | undefined;
    if (options.raw !== undefined) body = options.raw;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) {
      headers["content-type"] = "application/json";
    }
    const res = await fetch(`${this.server.url}/api/v1${path}`, {
      method,
      headers,
      body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
    });
    const text = await res.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, headers: res.headers, text, body: parsed as ApiResponse<T>["body"] };
  }

  get<T = unknown>(path: string, options?: RequestOptions) {
    return this.request<T>("GET", path, options);
  }

  post<T = unknown>(path: string, body?: unknown, options: RequestOptions = {}) {
    return this.request<T>("POST", path, { ...options, body });
  }

  /** POST /runs, expecting 202. */
  async startRun(workflow: string, input: unknown, options: RequestOptions = {}): Promise<Run> {
    const res = await this.post<Run>("/runs", { workflow, input }, options);
    expectStatus(res, 202);
    return res.body;
  }

  getRun(runId: string) {
    return this.get<Run>(`/runs/${runId}`);
  }

  resume(taskId: string, input: ResumeInput, options: RequestOptions = {}) {
    const key = options.key === undefined && this.deciderKey ? this.deciderKey : options.key;
    return this.post<{ task: Task; run: Run | null }>(`/tasks/${taskId}/resume`, input, { ...options, key });
  }

  /** The resume route, expecting 200. */
  async decide(taskId: string, input: ResumeInput) {
    const res = await this.resume(taskId, input);
    expectStatus(res, 200);
    return res.body;
  }

  /**
   * Long-polls GET /runs/{id}?wait=10 until the run is in one of `until` (default: any status
   * other than queued/running). Survives a server that is down for a while (restarts).
   */
  async waitForRun(runId: string, options: { until?: Run["status"][]; timeoutMs?: number } = {}): Promise<Run> {
    const deadline = Date.now() + (options.timeoutMs ?? 90_000);
    let last: Run | undefined;
    while (Date.now() < deadline) {
      try {
        const res = await this.get<Run>(`/runs/${runId}?wait=10`, { timeoutMs: 20_000 });
        expectStatus(res, 200);
        last = res.body;
        const done = options.until ? options.until.includes(last.status) : !ACTIVE.has(last.status);
        if (done) return last;
        if (last.status === "failed" || last.status === "cancelled" || last.status === "completed") {
          throw new Error(`Run ${runId} ended ${last.status} while waiting for ${options.until}: ${JSON.stringify(last.error)}`);
        }
        if (!ACTIVE.has(last.status)) await sleep(150); // waiting: ?wait returns at once
      } catch (err) {
        if (!isConnectionError(err)) throw err;
        await sleep(250);
      }
    }
    throw new Error(`Run ${runId} did not reach ${options.until ?? "a settled status"} in time; last: ${JSON.stringify(last)}`);
  }

  /** Every item of a list endpoint, following nextCursor. */
  async all<T>(path: string, query: Record<string, string> = {}): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null = null;
    do {
      const params = new URLSearchParams({ ...query, limit: "200", ...(cursor ? { cursor } : {}) });
      const res: ApiResponse<Page<T>> = await this.get<Page<T>>(`${path}?${params}`);
      expectStatus(res, 200);
      items.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    return items;
  }

  tasks(query: Record<string, string> = {}) {
    return this.all<Task>("/tasks", query);
  }

  /** The tasks of a run, oldest first, after it reached `waiting`. */
  async waitingTasks(runId: string): Promise<Task[]> {
    const run = await this.waitForRun(runId);
    expect(run.status, `run ${runId}: ${JSON.stringify(run.error)}`).toBe("waiting");
    return this.tasks({ runId, status: "pending" });
  }
}

export function expectStatus(res: ApiResponse, status: number) {
  if (res.status !== status) {
    throw new Error(`Expected HTTP ${status}, got ${res.status}: ${res.text.slice(0, 1000)}`);
  }
}

/** The contract's error shape: {"error": {"code", "message"}} with the given status. */
export function expectError(res: ApiResponse, status: number, code: string, messageMatches?: RegExp | string) {
  expectStatus(res, status);
  expect(res.headers.get("content-type") ?? "").toContain("application/json");
  expect(res.body).toMatchObject({ error: { code, message: expect.any(String) } });
  const message = (res.body as { error: { message: string } }).error.message;
  expect(message.length).toBeGreaterThan(0);
  if (messageMatches) {
    if (typeof messageMatches === "string") expect(message).toContain(messageMatches);
    else expect(message).toMatch(messageMatches);
  }
  return message;
}

export function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

export function isConnectionError(err: unknown): boolean {
  const e = err as { name?: string; cause?: { code?: string } };
  return (
    e?.name === "TimeoutError" ||
    (e instanceof TypeError && /fetch failed/.test(e.message)) ||
    ["ECONNREFUSED", "ECONNRESET", "UND_ERR_SOCKET", "EPIPE"].includes(e?.cause?.code ?? "")
  );
}

/** Runs `fn` over `items` with at most `limit` in flight; results in input order. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  });
  await Promise.all(workers);
  return results;
}

/** Fisher–Yates with a seeded generator, so that a failing order can be replayed. */
export function shuffle<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0 || 1;
  const rand = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export function leads(n: number, tag: string) {
  return Array.from({ length: n }, (_, i) => ({
    name: `Lead ${i} ${tag}`,
    email: `lead${i}.${tag}@example.test`,
    company: `Company ${i}`,
  }));
}

export function refundInput(amount: number, extra: Partial<Record<string, unknown>> = {}) {
  return {
    orderId: `ord-${Math.random().toString(36).slice(2, 10)}`,
    amount,
    currency: "usd",
    reason: "Arrived broken",
    customerEmail: "customer@example.test",
    ...extra,
  };
}

/**
 * A POST over node:http that keeps the response even when the server answers before it has
 * read the whole body (413) and resets the upload; fetch (undici) reports those as errors.
 * `chunks` are written one by one; without `contentLength` the body is sent chunked.
 */
export function rawPost(
  url: string,
  options: { headers: Record<string, string>; chunks: Iterable<Uint8Array | string>; contentLength?: number },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  return new Promise((resolve, reject) => {
    let responded = false;
    const req = http.request(url, {
      method: "POST",
      headers: { ...options.headers, ...(options.contentLength !== undefined ? { "content-length": String(options.contentLength) } : {}) },
    });
    req.on("response", (res) => {
      responded = true;
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      res.on("error", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on("error", (err) => {
      if (!responded) reject(err);
    });
    (async () => {
      for (const chunk of options.chunks) {
        if (responded || req.destroyed) return;
        if (!req.write(chunk)) await new Promise((r) => req.once("drain", r));
      }
      req.end();
    })().catch(() => {});
  });
}
