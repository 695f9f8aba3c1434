import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as all from "./schema";

// Only tables and relations go to drizzle's query builder (schema.ts also exports constants).
const schema = Object.fromEntries(Object.entries(all).filter(([name]) => !/^[A-Z_]+$/.test(name))) as Omit<
  typeof all,
  "ROLES" | "RUN_STATUSES" | "TASK_KINDS" | "TASK_STATUSES" | "TASK_ACTIONS" | "LANGGRAPH_RUN_STATUSES"
>;

export type Db = NodePgDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** A database handle or an open transaction: services accept either. */
export type DbOrTx = Db | Tx;

// Cached on globalThis so dev-mode reloads reuse one pool instead of leaking connections.
const g = globalThis as unknown as { __aclPool?: pg.Pool; __aclDb?: Db };

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set. Start through `npm run dev`/`npm start` (which start the embedded database) or set DATABASE_URL.",
    );
  }
  return url;
}

export function getPool(): pg.Pool {
  if (!g.__aclPool) {
    g.__aclPool = new pg.Pool({ connectionString: databaseUrl(), max: Number(process.env.DB_POOL_MAX ?? 10) });
    g.__aclPool.on("error", (err) => console.error("[db] idle client error", err.message));
  }
  return g.__aclPool;
}

export function getDb(): Db {
  if (!g.__aclDb) g.__aclDb = drizzle(getPool(), { schema });
  return g.__aclDb;
}

export async function closeDb() {
  const pool = g.__aclPool;
  g.__aclPool = undefined;
  g.__aclDb = undefined;
  await pool?.end();
}
