import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedHandle } from "@/db/embedded";
import { ensureDatabase } from "@/db/ensure-database";
import { ROOT } from "../helpers";

/**
 * The embedded server on its own data dir and port, with DATABASE_URL unset: what a user
 * without PostgreSQL gets. /tmp because, as root, the server runs as the `postgres` user,
 * which must be able to reach the data dir.
 */
const saved = { ...process.env };
let root: string;
const handles: EmbeddedHandle[] = [];

function useDataDir(name: string) {
  const dir = path.join(root, name);
  fs.mkdirSync(dir, { recursive: true });
  process.env.ACL_DATA_DIR = dir;
  return dir;
}

async function start() {
  const handle = await startEmbeddedPostgres({ quiet: true });
  handles.push(handle);
  return handle;
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });

// Starting PostgreSQL takes seconds idle and a minute or more on a loaded machine.
describe("embedded PostgreSQL", { timeout: 240_000 }, () => {
  beforeAll(() => {
    root = fs.mkdtempSync("/tmp/acl-embedded-test-");
    fs.chmodSync(root, 0o755);
    delete process.env.DATABASE_URL;
    process.env.EMBEDDED_POSTGRES_PORT = String(54400 + Math.floor(Math.random() * 500));
  });
  afterAll(async () => {
    for (const handle of handles) await handle.stop().catch(() => {});
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    fs.rmSync(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }); // a stopping server may still write
  });

  it("initialises, stops and restarts with its data kept", async () => {
    const dir = useDataDir("restart");
    const port = Number(process.env.EMBEDDED_POSTGRES_PORT);

    const first = await start();
    expect(first.owned).toBe(true);
    expect(first.url).toContain(`:${port}/`);
    expect(fs.existsSync(path.join(dir, "postgres", "PG_VERSION"))).toBe(true);
    await withClient(first.url, async (c) => {
      await c.query("create table kept (id int primary key, note text)");
      await c.query("insert into kept values (1, 'survives a restart')");
    });
    await first.stop();
    expect(await portOpen(port)).toBe(false);

    const second = await start();
    expect(second.owned).toBe(true);
    const rows = await withClient(second.url, async (c) => (await c.query("select note from kept")).rows);
    expect(rows).toEqual([{ note: "survives a restart" }]);
    await second.stop();
  });

  it("lets ensureDatabase() point DATABASE_URL at it when none is configured", async () => {
    useDataDir("restart");
    const handle = await ensureDatabase({ quiet: true });
    expect(handle).not.toBeNull();
    handles.push(handle!);
    expect(process.env.DATABASE_URL).toBe(handle!.url);
    await withClient(handle!.url, async (c) => expect((await c.query("select count(*)::int as n from kept")).rows[0].n).toBe(1));
    await handle!.stop();
    delete process.env.DATABASE_URL;
  });

  it("survives two concurrent starts in one process: one owns it, the other joins", async () => {
    useDataDir("concurrent-in-process");
    const [a, b] = await Promise.all([start(), start()]);
    expect([a.owned, b.owned].sort()).toEqual([false, true]);
    expect(a.url).toBe(b.url);
    await withClient(a.url, (c) => c.query("create table t (v int); insert into t values (42)"));
    const owner = a.owned ? a : b;
    await owner.stop();

    const again = await start();
    expect(await withClient(again.url, async (c) => (await c.query("select v from t")).rows)).toEqual([{ v: 42 }]);
    await again.stop();
  });

  it("survives two processes racing to initialise and start the same empty data dir", async () => {
    useDataDir("concurrent-processes");
    const spawnStarter = () => {
      const child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["tests/support/embedded-start.ts"], {
        cwd: ROOT,
        env: process.env,
      });
      let stderr = "";
      child.stderr.on("data", (d) => (stderr += d));
      const ready = new Promise<{ owned: boolean; url: string }>((resolve, reject) => {
        let stdout = "";
        child.stdout.on("data", (d) => {
          stdout += d;
          if (stdout.includes("\n")) resolve(JSON.parse(stdout.split("\n")[0]!));
        });
        child.on("exit", (code) => reject(new Error(`starter exited ${code}: ${stderr}`)));
      });
      const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
      return { child, ready, exited };
    };

    const p1 = spawnStarter();
    const p2 = spawnStarter();
    const [r1, r2] = await Promise.all([p1.ready, p2.ready]);
    expect([r1.owned, r2.owned].sort()).toEqual([false, true]);
    expect(r1.url).toBe(r2.url);
    await withClient(r1.url, (c) => c.query("create table raced (v text); insert into raced values ('ok')"));

    // The joiner leaves first (it must not stop the server), then the owner stops it.
    const [owner, joiner] = r1.owned ? [p1, p2] : [p2, p1];
    joiner.child.stdin.end();
    expect(await joiner.exited).toBe(0);
    expect(await withClient(r1.url, async (c) => (await c.query("select v from raced")).rows)).toEqual([{ v: "ok" }]);
    owner.child.stdin.end();
    expect(await owner.exited).toBe(0);

    const again = await start();
    expect(again.owned).toBe(true);
    expect(await withClient(again.url, async (c) => (await c.query("select v from raced")).rows)).toEqual([{ v: "ok" }]);
    await again.stop();
  });
});
