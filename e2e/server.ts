import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { embeddedDatabaseUrl } from "@/db/embedded-url";
import { createDatabase, dropDatabase, dropStaleDatabases, scratchDatabaseName } from "../tests/support/database";
import { E2E_STATE_FILE, type E2EState } from "./state";

/**
 * Playwright's webServer: the production server (`npm start`, after `npm run build`) on a
 * fresh database. With DATABASE_URL set: a new `acl_e2e_*` database on that server. Without:
 * `npm start` itself starts an embedded PostgreSQL in a temporary data dir, exactly what a user
 * with no database gets. The state file tells fixtures where the database is. On SIGTERM
 * (Playwright's graceful shutdown) the app stops and the database or data dir is removed.
 *
 * Run it with `node --import tsx`, not the tsx CLI: under load, the CLI's signal relay SIGKILLs
 * a child that takes over 30 ms to acknowledge SIGTERM, and the cleanup never runs. For the same
 * reason this file must not import db/embedded.ts (embedded-postgres's exit hooks call
 * process.exit() on SIGTERM).
 */
const ROOT = path.resolve(__dirname, "..");
const port = process.env.PORT ?? "3100";

async function main() {
  const dataDir = fs.mkdtempSync("/tmp/acl-e2e-");
  fs.chmodSync(dataDir, 0o755); // as root, the embedded server runs as `postgres` and must reach it
  const cleanups: Array<() => Promise<void>> = [async () => fs.rmSync(dataDir, { recursive: true, force: true })];
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: port,
    ACL_DATA_DIR: dataDir,
    APP_URL: `http://127.0.0.1:${port}`,
    RESEND_API_KEY: "", // mail stays in the development mailbox, where fixtures read it
  };

  let databaseUrl: string;
  const adminUrl = process.env.DATABASE_URL;
  if (adminUrl) {
    await dropStaleDatabases(adminUrl, "acl_e2e");
    const name = scratchDatabaseName("acl_e2e");
    databaseUrl = await createDatabase(adminUrl, name);
    cleanups.push(() => dropDatabase(adminUrl, name));
    childEnv.DATABASE_URL = databaseUrl;
  } else {
    const pgPort = Number(process.env.EMBEDDED_POSTGRES_PORT ?? 55000 + Math.floor(Math.random() * 1000));
    childEnv.EMBEDDED_POSTGRES_PORT = String(pgPort);
    delete childEnv.DATABASE_URL;
    databaseUrl = embeddedDatabaseUrl(pgPort);
    // Before the data dir goes: let the server (stopped by `npm start`) finish shutting down.
    cleanups.push(async () => {
      const pidFile = path.join(dataDir, "postgres", "postmaster.pid");
      for (let i = 0; i < 100 && fs.existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 100));
    });
  }

  const state: E2EState = { databaseUrl, baseURL: childEnv.APP_URL!, dataDir };
  fs.mkdirSync(path.dirname(E2E_STATE_FILE), { recursive: true });
  fs.writeFileSync(E2E_STATE_FILE, JSON.stringify(state, null, 2));
  console.log(`[e2e] database ${databaseUrl.replace(/:[^:@/]+@/, ":***@")}${adminUrl ? "" : " (embedded, started by npm start)"}`);

  const child = spawn("npm", ["start"], { cwd: ROOT, stdio: "inherit", env: childEnv });
  let stopping = false;
  let finished = false;
  const finish = async (code: number) => {
    if (finished) return;
    finished = true;
    for (const fn of cleanups.reverse()) await fn().catch((err) => console.error(`[e2e] cleanup: ${err}`));
    process.exit(code);
  };
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    child.kill(signal);
    setTimeout(() => void finish(0), 15_000).unref(); // the app did not exit: clean up anyway
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  child.on("exit", (code, signal) => void finish(stopping ? 0 : (code ?? (signal ? 1 : 0))));
}

main().catch((err) => {
  console.error(`[e2e] server failed to start: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
