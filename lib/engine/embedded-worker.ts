import "server-only";
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { env } from "@/lib/env";

/** A child that crashes this soon after starting is restarted with a growing delay (max 30 s). */
const STABLE_AFTER_MS = 60_000;
const STOP_GRACE_MS = 15_000;

/**
 * `npm start`/`npm run dev` run everything with one command, but the job worker never shares the
 * web process's event loop: by default (ACL_WORKER=child) it runs `scripts/worker.ts` in a child
 * process, supervised here (restarted when it dies, stopped with the server). ACL_WORKER=inline
 * keeps the old in-process worker; ACL_WORKER=off runs none (then run `npm run worker`, scaled out).
 */
export async function startEmbeddedWorker() {
  const mode = env().ACL_WORKER;
  if (mode === "off") return;
  if (!process.env.DATABASE_URL) {
    console.warn("[worker] DATABASE_URL is not set; the embedded worker is not started.");
    return;
  }
  if (mode === "inline") return startInlineWorker();
  superviseChildWorker();
}

async function startInlineWorker() {
  const { startWorker } = await import("./worker");
  const handle = await startWorker();
  console.log("[worker] embedded job worker started (in the web process)");
  const stop = () => {
    handle.stop().finally(() => process.exit(0));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

function superviseChildWorker() {
  let child: ChildProcess | null = null;
  let stopping = false;
  let failures = 0;

  const spawnChild = () => {
    const startedAt = Date.now();
    // Resolved at run time from the project root (the bundler must not follow it): `next start`
    // runs there, and tsx (a dependency) loads the TypeScript like `npm run worker` does.
    const script = path.join(/* turbopackIgnore: true */ process.cwd(), "scripts", "worker.ts");
    const c = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", script], {
      cwd: process.cwd(),
      env: { ...process.env, ACL_WORKER_CHILD: "1" },
      stdio: ["inherit", "inherit", "inherit", "ipc"], // the IPC channel closes when this process dies
    });
    child = c;
    c.once("exit", (code, signal) => {
      if (child === c) child = null;
      if (stopping) return;
      failures = Date.now() - startedAt > STABLE_AFTER_MS ? 1 : failures + 1;
      const delay = Math.min(30_000, 500 * 2 ** (failures - 1));
      console.error(`[worker] child process ${c.pid} exited (code ${code}, signal ${signal}); restarting in ${delay} ms`);
      setTimeout(() => {
        if (!stopping) spawnChild();
      }, delay).unref();
    });
  };
  spawnChild();
  console.log(`[worker] job worker started in child process ${child!.pid}`);

  const stop = () => {
    if (stopping) return;
    stopping = true;
    const c = child;
    if (!c || c.exitCode !== null) return process.exit(0);
    const kill = setTimeout(() => c.kill("SIGKILL"), STOP_GRACE_MS);
    c.once("exit", () => {
      clearTimeout(kill);
      process.exit(0);
    });
    c.kill("SIGTERM"); // it finishes its running jobs, then exits
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
