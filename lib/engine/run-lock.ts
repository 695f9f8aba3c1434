import "server-only";
import pg from "pg";
import { databaseUrl } from "@/db/client";

// Its own small pool: run locks must never wait behind the checkpointer's queries.
const g = globalThis as unknown as { __aclLockPool?: pg.Pool };
const LOCK_NAMESPACE = 727_002;

function lockPool() {
  if (!g.__aclLockPool) {
    g.__aclLockPool = new pg.Pool({ connectionString: databaseUrl(), max: 16, idleTimeoutMillis: 30_000 });
    g.__aclLockPool.on("error", () => {}); // a dropped idle connection only loses locks it no longer holds
  }
  return g.__aclLockPool;
}

/** Tries the run's session advisory lock; null when another execution holds it. */
export async function acquireRunLock(runId: string): Promise<{ release: () => Promise<void> } | null> {
  const client = await lockPool().connect();
  try {
    const { rows } = await client.query<{ ok: boolean }>("select pg_try_advisory_lock($1, hashtext($2)) as ok", [LOCK_NAMESPACE, runId]);
    if (!rows[0]?.ok) {
      client.release();
      return null;
    }
  } catch (err) {
    client.release(err as Error);
    throw err;
  }
  return {
    release: async () => {
      try {
        await client.query("select pg_advisory_unlock($1, hashtext($2))", [LOCK_NAMESPACE, runId]);
        client.release();
      } catch (err) {
        client.release(err as Error); // destroying the connection frees the lock too
      }
    },
  };
}

export async function closeRunLocks() {
  const pool = g.__aclLockPool;
  g.__aclLockPool = undefined;
  await pool?.end();
}
