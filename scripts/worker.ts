import { closeDb } from "@/db/client";
import { ensureDatabase } from "@/db/ensure-database";
import { migrateDatabase } from "@/db/migrate";
import { startWorker } from "@/lib/engine/worker";

/** `npm run worker`: a standalone job worker for scale-out (same queue as the web processes). */
async function main() {
  const embedded = await ensureDatabase();
  await migrateDatabase(process.env.DATABASE_URL!);
  const handle = await startWorker();
  console.log(`[worker] started (pid ${process.pid}); Ctrl-C to stop`);
  const shutdown = async () => {
    await handle.stop();
    await closeDb();
    await embedded?.stop();
    process.exit(0);
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

main().catch((err) => {
  console.error(`worker failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
