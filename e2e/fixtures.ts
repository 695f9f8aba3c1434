import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";
import pg from "pg";
import { E2E_STATE_FILE, type E2EState } from "./state";

/**
 * Shared fixtures for every spec: `import { test, expect } from "./fixtures"`.
 *  - `cli(args)`: the operator CLI against the e2e database, parsed JSON back.
 *  - `team`: a fresh team (owner + the agent's API key + a reviewer key with scope `decide`) per
 *    test, made through the CLI.
 *  - `api`: an HTTP client authenticated with that team's agent key; its POSTs to the resume route
 *    send the reviewer key (separation of duties: the key that started a run never decides it).
 *  - `mailbox`: the development mailbox (magic links, notifications) of the e2e database.
 *  - `saveScreenshot(name)`: a full-page capture saved to e2e/screenshots/<name>.png.
 * Page objects go in e2e/pages/ and are built from `page` inside specs or new fixtures here.
 */
const ROOT = path.resolve(__dirname, "..");
const SCREENSHOTS = path.join(__dirname, "screenshots");
const run = promisify(execFile);

export interface TeamFixture {
  team: { id: string; slug: string };
  owner: { id: string; email: string };
  apiKey: string;
  apiKeyId: string;
  /** A second key (`reviewer-tool`, scopes runs,tasks,decide) that decides what the agent's key asked. */
  deciderKey: string;
  deciderKeyId: string;
}

export interface MailMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  createdAt: string;
}

export interface Mailbox {
  /** Messages to `to`, newest first. */
  list(to: string): Promise<MailMessage[]>;
  /** Waits for the newest message to `to` that matches, e.g. a sign-in link. */
  waitFor(to: string, options?: { subject?: RegExp; after?: string; timeoutMs?: number }): Promise<MailMessage>;
}

let counter = 0;
export function uniqueSlug(prefix = "e2e"): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${process.pid}-${counter}`;
}

function readState(): E2EState {
  if (!fs.existsSync(E2E_STATE_FILE)) throw new Error(`${E2E_STATE_FILE} is missing: is e2e/server.ts the webServer?`);
  return JSON.parse(fs.readFileSync(E2E_STATE_FILE, "utf8")) as E2EState;
}

type TestFixtures = {
  cli: <T = unknown>(args: string[]) => Promise<T>;
  team: TeamFixture;
  api: APIRequestContext;
  mailbox: Mailbox;
  saveScreenshot: (name: string, page?: Page) => Promise<string>;
};
type WorkerFixtures = { e2e: E2EState; db: pg.Pool };

export const test = base.extend<TestFixtures, WorkerFixtures>({
  e2e: [async ({}, use) => use(readState()), { scope: "worker" }],

  db: [
    async ({ e2e }, use) => {
      const pool = new pg.Pool({ connectionString: e2e.databaseUrl, max: 2 });
      await use(pool);
      await pool.end();
    },
    { scope: "worker" },
  ],

  cli: async ({ e2e }, use) => {
    await use(async <T>(args: string[]) => {
      const tsx = path.join(ROOT, "node_modules/.bin/tsx");
      const env = { ...process.env, DATABASE_URL: e2e.databaseUrl, ACL_DATA_DIR: e2e.dataDir };
      try {
        const { stdout } = await run(tsx, ["--conditions=react-server", "scripts/cli.ts", ...args], { cwd: ROOT, env });
        return JSON.parse(stdout) as T;
      } catch (err) {
        const e = err as { stderr?: string; message: string };
        throw new Error(`cli ${args.join(" ")} failed: ${e.stderr?.trim() || e.message}`);
      }
    });
  },

  team: async ({ cli }, use) => {
    const slug = uniqueSlug();
    const team = await cli<Omit<TeamFixture, "deciderKey" | "deciderKeyId">>([
      "team:create",
      "--slug",
      slug,
      "--owner",
      `${slug}@example.test`,
    ]);
    const decider = await cli<{ apiKey: string; id: string }>([
      "apikey:create",
      ...["--team", slug, "--name", "reviewer-tool", "--scopes", "runs,tasks,decide"],
    ]);
    await use({ ...team, deciderKey: decider.apiKey, deciderKeyId: decider.id });
  },

  api: async ({ playwright, baseURL, team }, use) => {
    const api = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { authorization: `Bearer ${team.apiKey}`, "content-type": "application/json" },
    });
    const post: APIRequestContext["post"] = (url, options = {}) =>
      /\/api\/v1\/tasks\/[^/]+\/resume$/.test(url)
        ? api.post(url, { ...options, headers: { authorization: `Bearer ${team.deciderKey}`, ...options.headers } })
        : api.post(url, options);
    const client = new Proxy(api, {
      get: (target, prop) => {
        if (prop === "post") return post;
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    await use(client);
    await api.dispose();
  },

  mailbox: async ({ db }, use) => {
    const list = async (to: string) => {
      const { rows } = await db.query<MailMessage & { created_at: Date }>(
        `select id, "to", subject, text, html, created_at from mail_messages where "to" = lower($1) order by id desc`,
        [to],
      );
      return rows.map(({ created_at, ...m }) => ({ ...m, createdAt: created_at.toISOString() }));
    };
    const waitFor: Mailbox["waitFor"] = async (to, options = {}) => {
      const deadline = Date.now() + (options.timeoutMs ?? 15_000);
      for (;;) {
        const match = (await list(to)).find(
          (m) => (!options.subject || options.subject.test(m.subject)) && (!options.after || m.id > options.after),
        );
        if (match) return match;
        if (Date.now() > deadline) throw new Error(`No mail to ${to}${options.subject ? ` matching ${options.subject}` : ""}.`);
        await new Promise((r) => setTimeout(r, 250));
      }
    };
    await use({ list, waitFor });
  },

  saveScreenshot: async ({ page }, use) => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await use(async (name, target = page) => {
      const file = path.join(SCREENSHOTS, `${name.replace(/[^a-z0-9-_]+/gi, "-")}.png`);
      await target.screenshot({ path: file, fullPage: true });
      return file;
    });
  },
});

export { expect };
