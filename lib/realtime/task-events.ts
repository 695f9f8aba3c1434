import "server-only";
import pg from "pg";
import { databaseUrl } from "@/db/client";

/**
 * Live task events for the dashboard. Writers call `pg_notify('acl_tasks', …)` in the
 * transaction that creates or decides tasks; each web process holds ONE listening connection
 * and fans events out to its SSE subscribers, so it works across any number of instances.
 */
export interface TaskEvent {
  teamId: string;
  event: "created" | "decided" | "expired" | "cancelled" | "escalated";
  queues: string[];
  count: number;
}

type Listener = (event: TaskEvent) => void;
const g = globalThis as unknown as { __aclTaskEvents?: { listeners: Set<Listener>; client: Promise<pg.Client> | null } };

function hub() {
  g.__aclTaskEvents ??= { listeners: new Set(), client: null };
  return g.__aclTaskEvents;
}

async function connect(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  client.on("notification", (msg) => {
    if (msg.channel !== "acl_tasks" || !msg.payload) return;
    try {
      const event = JSON.parse(msg.payload) as TaskEvent;
      for (const l of hub().listeners) l(event);
    } catch {
      /* a malformed payload is ignored */
    }
  });
  client.on("error", () => {
    hub().client = null; // reconnect on the next subscription
  });
  await client.query("listen acl_tasks");
  return client;
}

export async function subscribeTaskEvents(listener: Listener): Promise<() => void> {
  const h = hub();
  h.client ??= connect().catch((err) => {
    h.client = null;
    throw err;
  });
  await h.client;
  h.listeners.add(listener);
  return () => h.listeners.delete(listener);
}
