import path from "node:path";
import pg from "pg";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { Logger, runMigrations as runWorkerMigrations } from "graphile-worker";
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";

export const CHECKPOINT_SCHEMA = "langgraph";
const MIGRATION_LOCK = 727_001; // advisory lock id: one migrator at a time

/** Brings a database to the current schema: app tables, job queue, checkpoint tables. Idempotent. */
export async function migrateDatabase(url: string) {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {}); // a lost connection fails the pending query; don't crash the process
  await client.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await client.query("set client_min_messages = warning");
    await migrate(drizzle(client), { migrationsFolder: path.join(process.cwd(), "db/migrations") });
    await runWorkerMigrations({ connectionString: url, logger: quietLogger() });
    const saver = PostgresSaver.fromConnString(url, { schema: CHECKPOINT_SCHEMA });
    await saver.setup();
    await saver.end();
  } finally {
    await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {});
    await client.end();
  }
}

function quietLogger() {
  // graphile-worker logs every migration at info level; keep only warnings and errors.
  return new Logger(() => (level: string, message: string) => {
    if (level === "error" || level === "warning") console.error(`[worker] ${message}`);
  });
}
