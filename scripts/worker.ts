import { closeDb } from "@/db/client";
import { ensureDatabase } from "@/db/ensure-database";
import { migrateDatabase } from "@/db/migrate";
import { startWorker } from "@/lib/engine/worker";

/**
 * `npm run worker`: a standalone job worker for scale-out (same queue as the web processes).
 * Also the child process that `npm start`/`npm run dev` supervise (ACL_WORKER_CHILD=1): the parent
 * has migrated already, and when the parent dies (its IPC channel closes) the child stops too.
 */
const isChild = process.env.ACL_WORKER_CHILD === "1" && typeof process.send === "function";
let shutdown: (() => Promise<void>) | null = null;
// Registered first thing: a parent that dies while this child is still loading must not leave it orphaned.
if (isChild) {
  process.once("disconnect", () => {
    if (shutdown) void shutdown();
    else process.exit(0);
  });
}

async function main() {
  const embedded = isChild ? null : await ensureDatabase();
  if (!isChild) await migrateDatabase(process.env.DATABASE_URL!);
  const handle = await startWorker();
  console.log(isChild ? `[worker] child started (pid ${process.pid})` : `[worker] started (pid ${process.pid}); Ctrl-C to stop`);
  let stopping = false;
  shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await handle.stop();
    await closeDb();
    await embedded?.stop();
    process.exit(0);
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
  if (isChild && !process.connected) await shutdown();
}

main().catch((err) => {
  console.error(`worker failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
