import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedHandle } from "@/db/embedded";
import { createDatabase, dropDatabase, dropStaleDatabases, scratchDatabaseName } from "../tests/support/database";
import { E2E_STATE_FILE, type E2EState } from "./state";

/**
 * Playwright's webServer: the production server (`npm start`, after `npm run build`) on a
 * fresh database. With DATABASE_URL set, a new `acl_e2e_*` database on that server; without,
 * an embedded PostgreSQL in a temporary data dir. The state file tells fixtures where the
 * database is. On SIGTERM (Playwright's graceful shutdown) it stops the app and cleans up.
 */
const ROOT = path.resolve(__dirname, "..");
const port = process.env.PORT ?? "3100";

async function main() {
  const dataDir = fs.mkdtempSync("/tmp/acl-e2e-");
  fs.chmodSync(dataDir, 0o755); // as root, the embedded server runs as `postgres` and must reach it
  const cleanups: Array<() => Promise<void>> = [async () => fs.rmSync(dataDir, { recursive: true, force: true })];
  const cleanup = async () => {
    for (const fn of cleanups.reverse()) await fn().catch((err) => console.error(`[e2e] cleanup: ${err}`));
  };

  let databaseUrl: string;
  const adminUrl = process.env.DATABASE_URL;
  if (adminUrl) {
    await dropStaleDatabases(adminUrl, "acl_e2e");
    const name = scratchDatabaseName("acl_e2e");
    databaseUrl = await createDatabase(adminUrl, name);
    cleanups.push(() => dropDatabase(adminUrl, name));
  } else {
    process.env.ACL_DATA_DIR = dataDir;
    process.env.EMBEDDED_POSTGRES_PORT ??= String(55000 + Math.floor(Math.random() * 1000));
    const embedded: EmbeddedHandle = await startEmbeddedPostgres({ quiet: true });
    databaseUrl = embedded.url;
    // Playwright signals the whole process group, so the server may be exiting already.
    cleanups.push(() => Promise.race([embedded.stop(), new Promise<void>((r) => setTimeout(r, 5000))]));
  }

  const state: E2EState = { databaseUrl, baseURL: `http://127.0.0.1:${port}`, dataDir };
  fs.mkdirSync(path.dirname(E2E_STATE_FILE), { recursive: true });
  fs.writeFileSync(E2E_STATE_FILE, JSON.stringify(state, null, 2));
  console.log(`[e2e] database ${databaseUrl.replace(/:[^:@/]+@/, ":***@")}`);

  const child = spawn("npm", ["start"], {
    cwd: ROOT,
    stdio: "inherit",
    env: {
      ...process.env,
      PORT: port,
      DATABASE_URL: databaseUrl,
      ACL_DATA_DIR: dataDir,
      APP_URL: state.baseURL,
      RESEND_API_KEY: "", // mail stays in the development mailbox, where fixtures read it
    },
  });
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    child.kill(signal);
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  child.on("exit", async (code, signal) => {
    await cleanup();
    process.exit(stopping ? 0 : (code ?? (signal ? 1 : 0)));
  });
}

main().catch((err) => {
  console.error(`[e2e] server failed to start: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
