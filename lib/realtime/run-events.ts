import "server-only";
import pg from "pg";
import { databaseUrl } from "@/db/client";

/**
 * Wakes waiters when a run changes. A trigger on `runs` (migration 0003_run_notify) sends
 * `NOTIFY acl_runs, '<run id>'` on every update, delivered at commit; each process holds ONE
 * listening connection and wakes only the waiters of that run. Waiters re-read the row after
 * waking, so a lost notification costs at most the caller's fallback interval, never a wrong answer.
 */
type Waiter = () => void;
interface Hub {
  waiters: Map<string, Set<Waiter>>;
  client: Promise<pg.Client> | null;
}
const g = globalThis as unknown as { __aclRunEvents?: Hub };

function hub(): Hub {
  g.__aclRunEvents ??= { waiters: new Map(), client: null };
  return g.__aclRunEvents;
}

function wakeAll() {
  for (const set of hub().waiters.values()) for (const w of set) w();
}

async function connect(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  client.on("notification", (msg) => {
    if (msg.channel !== "acl_runs" || !msg.payload) return;
    const set = hub().waiters.get(msg.payload);
    if (set) for (const w of [...set]) w();
  });
  client.on("error", () => {
    hub().client = null;
    client.end().catch(() => {});
    wakeAll(); // everyone re-reads and re-subscribes on a fresh connection
  });
  client.on("end", () => {
    if (hub().client) hub().client = null;
  });
  await client.connect();
  await client.query("listen acl_runs");
  return client;
}

async function ensureListening() {
  const h = hub();
  h.client ??= connect().catch((err) => {
    h.client = null;
    throw err;
  });
  await h.client;
}

/**
 * Subscribes to changes of one run. Call it BEFORE reading the run's state, then `next()` resolves
 * on the first change after the subscription (or after `timeoutMs`, or on abort): no lost wake-up.
 */
export async function watchRun(runId: string) {
  await ensureListening();
  const h = hub();
  let fired = false;
  let resolveNext: (() => void) | null = null;
  const waiter: Waiter = () => {
    fired = true;
    resolveNext?.();
  };
  let set = h.waiters.get(runId);
  if (!set) h.waiters.set(runId, (set = new Set()));
  set.add(waiter);
  return {
    /** Resolves true when the run changed since the last call, false on timeout or abort. */
    next(timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
      if (fired) {
        fired = false;
        return Promise.resolve(true);
      }
      if (signal?.aborted || timeoutMs <= 0) return Promise.resolve(false);
      return new Promise<boolean>((resolve) => {
        const done = (changed: boolean) => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", onAbort);
          resolveNext = null;
          fired = false;
          resolve(changed);
        };
        const onAbort = () => done(false);
        const timer = setTimeout(() => done(false), timeoutMs);
        signal?.addEventListener("abort", onAbort, { once: true });
        resolveNext = () => done(true);
      });
    },
    close() {
      set.delete(waiter);
      if (set.size === 0 && h.waiters.get(runId) === set) h.waiters.delete(runId);
    },
  };
}
