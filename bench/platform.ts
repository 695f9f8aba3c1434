import pg from "pg";

/** A minimal client of the public API (shared/API.md), as an agent uses it. */
export class PlatformClient {
  constructor(
    readonly baseUrl: string,
    private readonly apiKey: string,
    /** Separation of duties: the agent's key starts runs, a reviewer's key (scope `decide`) decides. */
    private readonly decideKey: string = apiKey,
  ) {}

  async call<T>(method: string, path: string, body?: unknown, key = this.apiKey): Promise<T> {
    return (await this.timedCall<T>(method, path, body, key)).body;
  }

  /** The answer and the server's own time for it (its `Server-Timing: app;dur=…` header), in ms. */
  async timedCall<T>(method: string, path: string, body?: unknown, key = this.apiKey): Promise<{ body: T; serverMs: number }> {
    const res = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text.slice(0, 300)}`);
    const serverMs = Number(/app;dur=([\d.]+)/.exec(res.headers.get("server-timing") ?? "")?.[1] ?? Number.NaN);
    return { body: JSON.parse(text) as T, serverMs };
  }

  startRun(workflow: string, input: unknown) {
    return this.call<RunDto>("POST", "/runs", { workflow, input });
  }

  /** `?wait` long-polls until the run leaves queued/running: the moment its tasks are visible. */
  async waitForTasks(runId: string, expected = 1): Promise<RunDto> {
    for (;;) {
      const run = await this.call<RunDto>("GET", `/runs/${runId}?wait=30`);
      if (run.status === "waiting" && run.pendingTaskIds.length >= expected) return run;
      if (run.status !== "queued" && run.status !== "running" && run.status !== "waiting") {
        throw new Error(`run ${runId} is ${run.status}: ${JSON.stringify(run.error)}`);
      }
    }
  }

  /** Resolves to the server's own time for the decision (ms). */
  async decide(taskId: string, action: "approve" | "reject"): Promise<number> {
    return (await this.timedCall<{ task: { id: string } }>("POST", `/tasks/${taskId}/resume`, { action }, this.decideKey)).serverMs;
  }
}

export interface RunDto {
  id: string;
  status: string;
  output: unknown;
  error: unknown;
  pendingTaskIds: string[];
}

/**
 * Sees a run reach a status the moment it commits: LISTEN on the platform's own `acl_runs`
 * channel (a trigger on `runs`), then one read of the row. After a decision the public API has
 * no "wait until completed" (the run stays `waiting` until the worker picks the decision up), so
 * the bench observes completion in the database; everything else goes through HTTP.
 */
export class RunWatcher {
  private readonly client: pg.Client;
  private readonly reader: pg.Pool;
  private readonly waiters = new Map<string, () => void>();

  constructor(url: string) {
    this.client = new pg.Client({ connectionString: url });
    this.reader = new pg.Pool({ connectionString: url, max: 4 });
    this.client.on("notification", (msg) => {
      if (msg.payload) this.waiters.get(msg.payload)?.();
    });
  }

  async start() {
    await this.client.connect();
    await this.client.query("listen acl_runs");
  }

  /** Resolves when the run's status is one of `statuses` (checked now and on every change). */
  until(runId: string, statuses: string[], timeoutMs = 600_000): Promise<{ status: string; output: unknown }> {
    return new Promise((resolve, reject) => {
      let checking = false;
      let again = false;
      const deadline = setTimeout(
        () => finish(new Error(`run ${runId} did not reach ${statuses.join("/")} in ${timeoutMs} ms`)),
        timeoutMs,
      );
      const fallback = setInterval(() => check(), 2_000);
      const finish = (err: Error | null, row?: { status: string; output: unknown }) => {
        clearTimeout(deadline);
        clearInterval(fallback);
        this.waiters.delete(runId);
        if (err) reject(err);
        else resolve(row!);
      };
      const check = async () => {
        if (checking) return void (again = true);
        checking = true;
        try {
          do {
            again = false;
            const { rows } = await this.reader.query<{ status: string; output: unknown }>("select status, output from runs where id = $1", [
              runId,
            ]);
            const row = rows[0];
            if (row && statuses.includes(row.status)) return finish(null, row);
            if (row && ["failed", "cancelled"].includes(row.status)) return finish(new Error(`run ${runId} is ${row.status}`));
          } while (again);
        } catch (err) {
          finish(err as Error);
        } finally {
          checking = false;
        }
      };
      this.waiters.set(runId, () => void check());
      void check();
    });
  }

  async close() {
    await this.client.end();
    await this.reader.end();
  }
}
