import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { sessions } from "@/db/schema";
import type { LangGraphRoute } from "@/app/api/langgraph/_routes/router";
import { addMember, createApiKey, revokeApiKey } from "@/lib/teams";
import { createTestTeam, ROOT, TEST_ACTOR, uniqueEmail, type TestTeam } from "../helpers";
import { dropRunJobs, fakeWaitingRun } from "../support/fake-runs";

/**
 * The isolation matrix. Every API route is found from the code (app/api/v1 route files and every
 * LangGraph route table), so a new one cannot be forgotten: an unclassified route fails the test.
 * Each is called with no credentials, a revoked key, another team's key on this team's ids, and a
 * viewer's session for writes; the answer must be 401/403/404 (405 for a method a route refuses)
 * in the contract's error shape, and the database must not change.
 */

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
/** Routes without team data, answering everyone: each listed with why. */
const PUBLIC_V1 = new Set([
  "api/v1/openapi.json", // the contract document
  "api/v1/[[...path]]", // unknown paths: a 404 in the error shape for everyone
]);

function findRouteFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return findRouteFiles(full);
    return e.name === "route.ts" ? [full] : [];
  });
}

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
interface Case {
  name: string;
  method: string;
  url: string;
  params: Record<string, string>;
  handler: Handler;
  write: boolean;
  hasId: boolean;
}

let a: TestTeam;
let b: TestTeam;
let revokedKey: string;
let viewerCookie: string;
let runId: string;
let taskId: string;
const cases: Case[] = [];

async function fingerprint() {
  const { rows } = await getDb().execute(sql`select
    (select count(*) from runs) runs, (select count(*) from runs where status = 'cancelled') cancelled_runs,
    (select count(*) from tasks) tasks, (select count(*) from tasks where status = 'pending') pending_tasks,
    (select count(*) from audit_events) audit, (select count(*) from idempotency_keys) idem,
    (select count(*) from api_keys where revoked_at is null) keys, (select count(*) from memberships) members,
    (select count(*) from langgraph_threads) threads, (select count(*) from feedback) feedback`);
  return rows[0];
}

beforeAll(async () => {
  a = await createTestTeam();
  b = await createTestTeam();
  const fake = await fakeWaitingRun(a.team.id, 1);
  runId = fake.runId;
  taskId = fake.taskIds[0]!;
  const k = await createApiKey({ teamId: a.team.id, name: "revoked", actor: TEST_ACTOR });
  await revokeApiKey({ keyId: k.id, actor: TEST_ACTOR });
  revokedKey = k.apiKey;
  const viewer = await addMember({ teamId: a.team.id, email: uniqueEmail("viewer"), role: "viewer", actor: TEST_ACTOR });
  const token = randomBytes(24).toString("hex");
  await getDb()
    .insert(sessions)
    .values({ sessionToken: token, userId: viewer.user.id, expires: new Date(Date.now() + 3600_000) });
  viewerCookie = `authjs.session-token=${token}`;

  // /api/v1: one case per exported method of every route file.
  const v1 = path.join(ROOT, "app/api/v1");
  for (const file of findRouteFiles(v1)) {
    const rel = path.relative(path.join(ROOT, "app"), path.dirname(file));
    if (PUBLIC_V1.has(rel)) continue;
    const mod = (await import(/* @vite-ignore */ file)) as Record<string, Handler>;
    const id = rel.startsWith("api/v1/runs/") ? runId : rel.startsWith("api/v1/tasks/") ? taskId : "";
    const urlPath = "/" + rel.replace("[id]", id);
    for (const method of METHODS) {
      if (typeof mod[method] !== "function") continue;
      cases.push({
        name: `${method} /${rel}`,
        method,
        url: `http://localhost${urlPath}`,
        params: rel.includes("[id]") ? { id } : {},
        handler: mod[method]!,
        write: method !== "GET",
        hasId: rel.includes("[id]"),
      });
    }
  }
  // /api/langgraph: every entry of every route table the catch-all dispatches.
  const lg = (await import("@/app/api/langgraph/[[...path]]/route")) as unknown as Record<string, Handler>;
  for (const file of fs.readdirSync(path.join(ROOT, "app/api/langgraph/_routes"))) {
    const mod = (await import(/* @vite-ignore */ path.join(ROOT, "app/api/langgraph/_routes", file))) as Record<string, unknown>;
    for (const table of Object.values(mod)) {
      if (!Array.isArray(table)) continue;
      for (const route of table as LangGraphRoute[]) {
        if (route.permission === null) continue; // /info, /ok: no team data
        const p = route.path.replace(/:([a-z_]+)/g, () => randomUUID());
        cases.push({
          name: `${route.method} /api/langgraph${route.path}`,
          method: route.method,
          url: `http://localhost/api/langgraph${p}`,
          params: {},
          handler: lg[route.method]!,
          write: route.method !== "GET" && !/\/search$|\/count$|\/history$/.test(route.path),
          hasId: false,
        });
      }
    }
  }
});

async function call(c: Case, headers: Record<string, string>) {
  const body =
    c.method === "GET" || c.method === "DELETE" ? undefined : JSON.stringify({ action: "approve", workflow: "refund", input: {} });
  const res = await c.handler(
    new NextRequest(c.url, { method: c.method, headers: { "content-type": "application/json", ...headers }, body }),
    { params: Promise.resolve(c.params) },
  );
  const text = await res.text();
  return { status: res.status, text };
}

function expectErrorShape(text: string, name: string) {
  const parsed = JSON.parse(text) as { error?: { code?: unknown; message?: unknown }; detail?: unknown };
  // /api/v1 answers {error: {code, message}}; the LangGraph API answers as LangGraph does ({detail}).
  expect(typeof parsed.error?.message === "string" || typeof parsed.detail === "string", `${name}: ${text}`).toBe(true);
}

describe("isolation matrix over every API route", () => {
  it("enumerates the routes from the code", () => {
    expect(cases.filter((c) => c.url.includes("/api/v1/")).length).toBeGreaterThanOrEqual(9);
    expect(cases.filter((c) => c.url.includes("/api/langgraph/")).length).toBeGreaterThanOrEqual(15);
    console.log(`[isolation] ${cases.length} route×method cases`);
  });

  it("no credentials → 401, a revoked key → 401, the database unchanged", async () => {
    const before = await fingerprint();
    for (const c of cases) {
      for (const headers of [{}, { authorization: `Bearer ${revokedKey}` }] as Record<string, string>[]) {
        const r = await call(c, headers);
        expect([401, 405], `${c.name} ${JSON.stringify(headers)} → ${r.status} ${r.text}`).toContain(r.status);
        expectErrorShape(r.text, c.name);
      }
    }
    expect(await fingerprint()).toEqual(before);
  });

  it("another team's key on this team's run and task ids → 404, the database unchanged", async () => {
    const before = await fingerprint();
    const idCases = cases.filter((c) => c.hasId);
    expect(idCases.length).toBeGreaterThanOrEqual(4);
    for (const c of idCases) {
      // The other team's key with every scope, so that what answers is tenancy, not a missing scope.
      const r = await call(c, { authorization: `Bearer ${b.deciderKey}` });
      expect([404, 405], `${c.name} → ${r.status} ${r.text}`).toContain(r.status);
      expectErrorShape(r.text, c.name);
    }
    // Lists under the other team's key never show this team's ids.
    for (const c of cases.filter((c) => c.method === "GET" && !c.hasId && c.url.includes("/api/v1/"))) {
      const r = await call(c, { authorization: `Bearer ${b.apiKey}` });
      expect(r.text.includes(runId) || r.text.includes(taskId), c.name).toBe(false);
    }
    expect(await fingerprint()).toEqual(before);
  });

  it("a viewer's session may not write: refused (403, or 400/404/405 before it), the database unchanged", async () => {
    const before = await fingerprint();
    for (const c of cases.filter((c) => c.write)) {
      const r = await call(c, { cookie: viewerCookie, "sec-fetch-site": "same-origin" });
      // 400 too: LangGraph's run-start routes validate the body before their inner runs.create check.
      expect([400, 403, 404, 405], `${c.name} → ${r.status} ${r.text}`).toContain(r.status);
      expectErrorShape(r.text, c.name);
    }
    expect(await fingerprint()).toEqual(before);
    await dropRunJobs([runId]);
  });
});

// Statically here; each exposed action is also invoked for real (foreign team, viewer, queue-limited
// reviewer) over HTTP in tests/http/server-actions-isolation.test.ts, which needs the build.
describe("every server action goes through the authorization wrapper", () => {
  /** Unwrapped on purpose, each with why. Any other unwrapped export fails this test. */
  const UNWRAPPED = new Map([
    ["signInWithEmail", "sign-in itself: no session yet"],
    ["signInWithGitHub", "sign-in itself: no session yet"],
    ["signOutAction", "ends the caller's own session only"],
    ["createTeamFormAction", "a form adapter that calls the wrapped createTeamAction"],
  ]);

  function actionFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return actionFiles(full);
      return /\.tsx?$/.test(e.name) && /^\s*["']use server["']/.test(fs.readFileSync(full, "utf8")) ? [full] : [];
    });
  }

  it("each exported action is teamAction(permission, …) or userAction(…), found from the code", () => {
    const files = actionFiles(path.join(ROOT, "app"));
    expect(files.length).toBeGreaterThanOrEqual(10);
    const found: string[] = [];
    for (const file of files) {
      const source = fs.readFileSync(file, "utf8");
      for (const m of source.matchAll(/^export\s+(?:const\s+(\w+)\s*=\s*([\s\S]*?)\(|async\s+function\s+(\w+))/gm)) {
        const name = (m[1] ?? m[3])!;
        found.push(name);
        const wrapper = m[2]?.trim();
        if (wrapper === "teamAction" || wrapper === "userAction") continue;
        expect(UNWRAPPED.has(name), `${path.relative(ROOT, file)}: ${name} is neither teamAction nor userAction`).toBe(true);
      }
    }
    expect(found.length).toBeGreaterThanOrEqual(15);
  });
});
