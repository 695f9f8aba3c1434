import { spawn } from "node:child_process";
import { ensureDatabase } from "@/db/ensure-database";
import { migrateDatabase } from "@/db/migrate";

/**
 * `tsx scripts/with-db.ts <command...>`: makes sure a database is up (the embedded one
 * when DATABASE_URL is unset), migrates it, runs the command with DATABASE_URL set, and
 * stops the embedded server when the command exits.
 */
async function main() {
  const [cmd, ...args] = process.argv.slice(2);
  if (!cmd) throw new Error("usage: with-db <command> [args...]");
  const embedded = await ensureDatabase();
  if (embedded?.owned) console.log(`[db] embedded PostgreSQL started (${redact(embedded.url)})`);
  else if (embedded) console.log(`[db] using the embedded PostgreSQL already running (${redact(embedded.url)})`);
  await migrateDatabase(process.env.DATABASE_URL!);

  const child = spawn(cmd, args, { stdio: "inherit", env: process.env, shell: false });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  child.on("exit", async (code, signal) => {
    await embedded?.stop().catch(() => {});
    process.exit(code ?? (signal ? 1 : 0));
  });
}

function redact(url: string) {
  return url.replace(/:[^:@/]+@/, ":***@");
}

main().catch(async (err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
