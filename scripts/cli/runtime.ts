import { closeDb, getDb, type Tx } from "@/db/client";
import { ensureDatabase } from "@/db/ensure-database";
import { migrateDatabase } from "@/db/migrate";

/**
 * Runs `fn` in one transaction against a ready database: DATABASE_URL, or the embedded
 * server (started here if nobody runs it). Migrating first is cheap when nothing is
 * pending and makes the CLI work on a fresh machine. Whatever happens, the pool is
 * closed and an embedded server this process started is stopped.
 */
export async function inTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  const embedded = await ensureDatabase({ quiet: true });
  try {
    await migrateDatabase(process.env.DATABASE_URL!);
    return await getDb().transaction(fn);
  } finally {
    await closeDb().catch(() => {});
    // Other commands may have joined the server this one started: stop it when they are done.
    if (embedded?.owned && !(await embedded.stopWhenIdle().catch(() => false))) {
      process.stderr.write("note: other clients are still connected; left the embedded PostgreSQL running\n");
    }
  }
}
