import path from "node:path";
import pg from "pg";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { createHash } from "node:crypto";
import fs from "node:fs";

export const CHECKPOINT_SCHEMA = "langgraph";
const MIGRATION_LOCK = 727_001; // advisory lock id: one migrator at a time

/**
 * Brings a database to the current schema: app tables, job queue, checkpoint tables. Idempotent.
 * A database already at this exact schema (same migrations, same graphile-worker and checkpointer
 * versions) is recognised by one query, so short-lived processes (the CLI) skip loading the
 * migrators, which costs seconds.
 */
export async function migrateDatabase(url: string) {
  const stamp = schemaStamp();
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {}); // a lost connection fails the pending query; don't crash the process
  await client.connect();
  try {
    if (stamp && (await storedStamp(client)) === stamp) return;
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await client.query("set client_min_messages = warning");
    await migrate(drizzle(client), { migrationsFolder: path.join(process.cwd(), "db/migrations") });
    const { Logger, runMigrations: runWorkerMigrations } = await import("graphile-worker");
    await runWorkerMigrations({ connectionString: url, logger: quietLogger(Logger) });
    const { PostgresSaver } = await import("@langchain/langgraph-checkpoint-postgres");
    const saver = PostgresSaver.fromConnString(url, { schema: CHECKPOINT_SCHEMA });
    await saver.setup();
    await saver.end();
    if (stamp) {
      await client.query("create table if not exists acl_schema_stamp (id int primary key default 1 check (id = 1), stamp text not null)");
      await client.query("insert into acl_schema_stamp (stamp) values ($1) on conflict (id) do update set stamp = excluded.stamp", [stamp]);
    }
  } finally {
    await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {});
    await client.end();
  }
}

/**
 * What the schema of this checkout is made of: our migrations and the versions of the two
 * libraries that own tables. Null when it cannot be told (then we always migrate).
 */
function schemaStamp(): string | null {
  try {
    const root = process.cwd();
    const hash = createHash("sha256");
    hash.update(fs.readFileSync(path.join(root, "db/migrations/meta/_journal.json")));
    for (const pkg of ["graphile-worker", "@langchain/langgraph-checkpoint-postgres"]) {
      hash.update(JSON.parse(fs.readFileSync(path.join(root, "node_modules", pkg, "package.json"), "utf8")).version);
    }
    return hash.digest("hex");
  } catch {
    return null;
  }
}

async function storedStamp(client: pg.Client): Promise<string | null> {
  const { rows } = await client.query("select stamp from acl_schema_stamp where id = 1").catch(() => ({ rows: [] }));
  return (rows[0] as { stamp: string } | undefined)?.stamp ?? null;
}

function quietLogger(Logger: typeof import("graphile-worker").Logger) {
  // graphile-worker logs every migration at info level; keep only warnings and errors.
  return new Logger(() => (level: string, message: string) => {
    if (level === "error" || level === "warning") console.error(`[worker] ${message}`);
  });
}
