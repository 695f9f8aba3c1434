import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/**
 * The real production server (`next start` on the build in .next/) against the test
 * database, as a child process the suite can SIGKILL, SIGTERM and start again on the same
 * database. Each server runs the embedded job worker, exactly as in production.
 */

export const ROOT = path.resolve(__dirname, "../..");
const NEXT_BIN = path.join(ROOT, "node_modules/.bin/next");
/** Seals the teams' webhook secrets; the test process uses it too, to read a team's secret (fixtures.ts). */
export const TEST_WEBHOOK_ENCRYPTION_KEY = "http-suite-webhook-encryption-key-0123456789";
const TEST_AUTH_SECRET = "http-suite-auth-secret-0123456789abcdef";

/**
 * Variables of the test runner that must not leak into the server (vitest sets NODE_ENV=test).
 * APP_URL is set per start to the free port the server gets (production refuses to build sign-in
 * links from request headers without it); a test that passes `APP_URL: undefined` runs without.
 */
const DROPPED_ENV = /^(VITEST|NODE_OPTIONS$|NODE_ENV$|OPENAI_API_KEY$|RESEND_API_KEY$|AUTH_URL$|APP_URL$|TEST$|PORT$)/;
/** What `next start` prints once it listens: "- Local: http://127.0.0.1:43521". */
const LISTENING = /Local:\s+https?:\/\/[^\s/]+:(\d+)/;

export interface ServerOptions {
  /** Defaults to the suite's fresh database (process.env.DATABASE_URL, set by tests/setup-env.ts). */
  databaseUrl?: string;
  /** Extra environment, e.g. { RATE_LIMIT_PER_MINUTE: "5" }. */
  env?: Record<string, string>;
  /** How long to wait for GET /api/health = 200. */
  startTimeoutMs?: number;
}

const live = new Set<TestServer>();
// A vitest worker that exits (or crashes) must not leave servers behind.
process.once("exit", () => {
  for (const s of live) s.killNow();
});

export class TestServer {
  /** The port of the running process: the server listens on port 0 (a free port chosen by the OS, no race). */
  port = 0;
  readonly env: NodeJS.ProcessEnv;
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private output: string[] = [];
  private readonly startTimeoutMs: number;
  /** How many times a process was started (1 after start(), 2 after one restart …). */
  starts = 0;

  /** The caller set APP_URL (or unset it with undefined): leave it as given. */
  private readonly callerSetsAppUrl: boolean;

  private constructor(options: ServerOptions) {
    this.callerSetsAppUrl = Boolean(options.env && "APP_URL" in options.env);
    this.startTimeoutMs = options.startTimeoutMs ?? 60_000;
    const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL;
    if (!databaseUrl) throw new Error("TestServer: no DATABASE_URL (tests/setup-env.ts sets the suite's fresh database).");
    const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !DROPPED_ENV.test(k)));
    this.env = {
      ...base,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: TEST_AUTH_SECRET,
      WEBHOOK_ENCRYPTION_KEY: TEST_WEBHOOK_ENCRYPTION_KEY,
      // The suite's webhook receivers listen on loopback, which the SSRF guard refuses otherwise.
      WEBHOOK_ALLOWED_HOSTS: "127.0.0.1",
      ACL_WORKER: "child",
      ACL_DATA_DIR: path.join(os.tmpdir(), "acl-http-suite"), // unused: AUTH_SECRET is set; never .data/
      RATE_LIMIT_PER_MINUTE: "1000000",
      NEXT_TELEMETRY_DISABLED: "1",
      ...options.env,
    };
  }

  /** Where it answers now; a restart gets a new port, so read it per request. */
  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts a server on a free port and waits until it is healthy. */
  static async start(options: ServerOptions = {}): Promise<TestServer> {
    if (!fs.existsSync(path.join(ROOT, ".next/BUILD_ID"))) {
      throw new Error("No production build in .next/: run `npx next build` before `npm run test:http`.");
    }
    const server = new TestServer(options);
    await server.launch();
    return server;
  }

  get running() {
    return this.child !== null;
  }

  get pid() {
    return this.child?.pid;
  }

  /** Everything the server printed, across restarts. */
  logs(): string {
    return this.output.join("");
  }

  /** Lines of requests that failed with a 500 (lib/api/errors.ts logs them). */
  internalErrors(): string[] {
    return this.logs()
      .split("\n")
      .filter((l) => l.includes("[api] request"));
  }

  private async launch() {
    if (this.child) throw new Error("TestServer: already running");
    this.starts += 1;
    this.output.push(`\n----- start #${this.starts} -----\n`);
    this.port = 0;
    // A free port chosen by the OS (listen on 0, then released): the app must know its origin.
    const port = await freePort();
    const env = this.callerSetsAppUrl ? this.env : { ...this.env, APP_URL: `http://127.0.0.1:${port}` };
    const child = spawn(NEXT_BIN, ["start", "-p", String(port), "-H", "127.0.0.1"], {
      cwd: ROOT,
      env,
      detached: true, // its own process group: kill() takes everything it spawned
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    live.add(this);
    let printed = ""; // this process's output only: an earlier start printed its own port
    child.stdout!.on("data", (d) => {
      this.output.push(String(d));
      if (this.port !== 0 || this.child !== child) return;
      printed += String(d);
      const m = LISTENING.exec(printed);
      if (m) this.port = Number(m[1]);
    });
    child.stderr!.on("data", (d) => this.output.push(String(d)));
    this.exited = new Promise((resolve) => {
      child.once("exit", (code, signal) => {
        this.output.push(`----- exit code=${code} signal=${signal} -----\n`);
        if (this.child === child) this.child = null;
        live.delete(this);
        resolve();
      });
    });
    await this.waitHealthy(child);
  }

  private async waitHealthy(child: ChildProcess) {
    const deadline = Date.now() + this.startTimeoutMs;
    while (Date.now() < deadline) {
      if (this.child !== child) throw new Error(`Server exited during start-up.\n${this.logs().slice(-4000)}`);
      try {
        if (this.port !== 0) {
          const res = await fetch(`${this.url}/api/health`, { signal: AbortSignal.timeout(2_000) });
          if (res.status === 200) return;
        }
      } catch {
        // not answering yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    this.killNow();
    throw new Error(`Server not healthy after ${this.startTimeoutMs} ms.\n${this.logs().slice(-4000)}`);
  }

  /** SIGKILL to the whole process group, no cleanup: a crash. */
  killNow() {
    const pid = this.child?.pid;
    if (!pid) return;
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // already gone
    }
  }

  async kill() {
    this.killNow();
    await this.exited;
  }

  /** SIGTERM (graceful: the embedded worker stops), SIGKILL after `graceMs`. */
  async stop(graceMs = 20_000) {
    const pid = this.child?.pid;
    if (!pid) return;
    try {
      process.kill(-pid, "SIGTERM");
    } catch {
      // already gone
    }
    const timer = setTimeout(() => this.killNow(), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** A new process on the same database, on a new free port (call after kill() or stop()). */
  async restart() {
    if (this.child) await this.stop();
    await this.launch();
  }
}

/** A port the OS says is free right now (the server binds it a moment later). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
