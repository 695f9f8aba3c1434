import { spawn } from "node:child_process";
import path from "node:path";
import { getDb } from "@/db/client";
import type { Principal } from "@/lib/access/principal";
import type { Actor } from "@/lib/contract";
import { createApiKey, createTeam } from "@/lib/teams";

export const ROOT = path.resolve(__dirname, "..");
export const TEST_ACTOR: Actor = { type: "system", id: "test" };

let counter = 0;
/** A slug no other test (in this run or a concurrent one) uses. */
export function uniqueSlug(prefix = "t"): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 6)}`;
}

export function uniqueEmail(prefix = "user"): string {
  return `${uniqueSlug(prefix)}@example.test`;
}

/** A team with an owner, the agent's API key (runs, tasks) and a reviewer key (decide), committed, ready for API or service calls. */
export async function createTestTeam(params: { slug?: string; ownerEmail?: string; name?: string } = {}) {
  const db = getDb();
  return db.transaction(async (tx) => {
    const created = await createTeam(
      {
        slug: params.slug ?? uniqueSlug("team"),
        name: params.name,
        ownerEmail: params.ownerEmail ?? uniqueEmail("owner"),
        actor: TEST_ACTOR,
      },
      tx,
    );
    const key = await createApiKey({ teamId: created.team.id, name: "test", actor: TEST_ACTOR }, tx);
    // Separation of duties: the agent's key (runs, tasks) never decides what it asked; a second
    // key with `decide` plays the reviewer's tool.
    const decider = await createApiKey(
      { teamId: created.team.id, name: "reviewer-tool", actor: TEST_ACTOR, scopes: ["runs", "tasks", "decide"] },
      tx,
    );
    return { ...created, apiKey: key.apiKey, apiKeyId: key.id, deciderKey: decider.apiKey, deciderKeyId: decider.id };
  });
}
export type TestTeam = Awaited<ReturnType<typeof createTestTeam>>;

type KeyPrincipal = Extract<Principal, { kind: "api_key" }>;
type KeyOverrides = Partial<Pick<KeyPrincipal, "scopes" | "queues">>;

/** The team's agent key (createTestTeam's apiKey) as a service-call principal: scopes runs, tasks; every queue. */
export function agentPrincipal(team: TestTeam, overrides: KeyOverrides = {}): KeyPrincipal {
  return {
    kind: "api_key",
    teamId: team.team.id,
    actor: { type: "api_key", id: team.apiKeyId },
    scopes: ["runs", "tasks"],
    queues: null,
    ...overrides,
  };
}

/** The team's reviewer-tool key (createTestTeam's deciderKey): scopes runs, tasks, decide; every queue. */
export function deciderPrincipal(team: TestTeam, overrides: KeyOverrides = {}): KeyPrincipal {
  return {
    kind: "api_key",
    teamId: team.team.id,
    actor: { type: "api_key", id: team.deciderKeyId },
    scopes: ["runs", "tasks", "decide"],
    queues: null,
    ...overrides,
  };
}

export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs a command to completion, capturing its output (never throws on a non-zero exit). */
export function runProcess(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string; timeoutMs?: number } = {},
): Promise<ProcessResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd ?? ROOT, env: options.env ?? process.env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 60_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
    child.stdin.end(options.input ?? "");
  });
}

const TSX = path.join(ROOT, "node_modules/.bin/tsx");

/** Runs a TypeScript file the way the package scripts do (server-only resolves for servers). */
export function runTs(file: string, args: string[] = [], options: Parameters<typeof runProcess>[2] = {}) {
  return runProcess(TSX, ["--conditions=react-server", file, ...args], options);
}

/** `npm run cli -- <args>` as a real subprocess against the test database. */
export async function runCli(args: string[], env: NodeJS.ProcessEnv = process.env) {
  // A CLI process is killed after 150 s: minutes only on a machine loaded far beyond its cores.
  const result = await runTs("scripts/cli.ts", args, { env, timeoutMs: 150_000 });
  return {
    ...result,
    /** stdout parsed as JSON; fails the test with the process output when it is not JSON. */
    json<T = unknown>(): T {
      try {
        return JSON.parse(result.stdout) as T;
      } catch {
        throw new Error(`CLI did not print JSON (exit ${result.code}).\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
      }
    },
  };
}
