import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LangGraphRoute } from "@/app/api/langgraph/_routes/router";
import { createTestTeam, ROOT, type TestTeam } from "../helpers";
import { dropRunJobs, fakeWaitingRun } from "../support/fake-runs";

/**
 * Hostile input, property-based: random and adversarial bodies and query strings against every
 * API route found in the code. Whatever arrives, the answer is never a 5xx, and every error is in
 * the contract's shape. HOSTILE_RUNS sets the number of generated requests per route (default 30).
 */
process.env.RATE_LIMIT_PER_MINUTE = "1000000"; // this test is about input, not about the rate limit

const RUNS = Number(process.env.HOSTILE_RUNS ?? 30);
type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
interface Target {
  name: string;
  method: string;
  url: string;
  params: Record<string, string>;
  handler: Handler;
}

let team: TestTeam;
let runId: string;
const targets: Target[] = [];
let tried = 0;

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? routeFiles(full) : e.name === "route.ts" ? [full] : [];
  });
}

beforeAll(async () => {
  team = await createTestTeam();
  const fake = await fakeWaitingRun(team.team.id, 1);
  runId = fake.runId;
  for (const file of routeFiles(path.join(ROOT, "app/api/v1"))) {
    const rel = path.relative(path.join(ROOT, "app"), path.dirname(file));
    const mod = (await import(/* @vite-ignore */ file)) as Record<string, Handler>;
    const id = rel.startsWith("api/v1/runs/") ? runId : rel.startsWith("api/v1/tasks/") ? fake.taskIds[0]! : "";
    for (const method of ["GET", "POST"]) {
      if (typeof mod[method] !== "function") continue;
      targets.push({
        name: `${method} /${rel}`,
        method,
        url: `http://localhost/${rel.replace("[id]", id)}`,
        params: { id },
        handler: mod[method],
      });
    }
  }
  const lg = (await import("@/app/api/langgraph/[[...path]]/route")) as unknown as Record<string, Handler>;
  for (const file of fs.readdirSync(path.join(ROOT, "app/api/langgraph/_routes"))) {
    const mod = (await import(/* @vite-ignore */ path.join(ROOT, "app/api/langgraph/_routes", file))) as Record<string, unknown>;
    for (const table of Object.values(mod)) {
      if (!Array.isArray(table)) continue;
      for (const r of table as LangGraphRoute[]) {
        // Streams hold the connection open by design; their bodies are the same schemas as /wait.
        if (r.path.endsWith("/stream") || r.path.endsWith("/join")) continue;
        const p = r.path.replace(/:([a-z_]+)/g, (_, n: string) =>
          n === "assistant_id" ? "refund" : "00000000-0000-4000-8000-000000000000",
        );
        targets.push({
          name: `${r.method} /api/langgraph${r.path}`,
          method: r.method,
          url: `http://localhost/api/langgraph${p}`,
          params: {},
          handler: lg[r.method]!,
        });
      }
    }
  }
});

afterAll(async () => {
  await dropRunJobs([runId]);
  console.log(`[hostile] ${JSON.stringify({ routes: targets.length, requestsTried: tried })}`);
});

const POLLUTING = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty"];
const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 50 }),
  fc.constantFrom(
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "\u202e\u0000\ud800",
    "' or 1=1 --",
    "%00",
    "../../etc/passwd",
    "NaN",
  ),
  fc.string({ minLength: 5000, maxLength: 20000 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, -1, 0, 1e308),
  fc.boolean(),
  fc.constant(null),
);
const key = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom(...POLLUTING, "workflow", "input", "action", "payload", "limit", "cursor", "status"),
);
const hostileJson = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, nasty, tie("array"), tie("object")),
  array: fc.array(tie("value"), { maxLength: 5 }),
  object: fc.dictionary(key, tie("value"), { maxKeys: 6 }),
})).value;

/** Raw bodies a parser must survive: broken JSON, very deep nesting, oversize, wrong encodings. */
const rawBody = fc.oneof(
  hostileJson.map((v) => JSON.stringify(v) ?? "null"),
  fc.constantFrom("{", "[", '{"a":', "\u0000", "null", "[]", '"str"', '{"__proto__":{"polluted":true}}', "{}".repeat(3)),
  fc.integer({ min: 100, max: 5000 }).map((d) => "[".repeat(d) + "]".repeat(d)),
  fc.integer({ min: 100, max: 3000 }).map((d) => '{"a":'.repeat(d) + "1" + "}".repeat(d)),
  fc.constant("x".repeat(2_000_000)),
  fc.string({ unit: "binary", maxLength: 200 }),
);
const query = fc.dictionary(
  key,
  fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom("-1", "0", "1e9", "abc", "999999999999", "\u0000", "[]")),
  { maxKeys: 4 },
);

async function send(t: Target, body: string | undefined, q: Record<string, string>) {
  const url = new URL(t.url);
  for (const [k, v] of Object.entries(q)) url.searchParams.append(k, v);
  tried++;
  const res = await t.handler(
    new NextRequest(url, {
      method: t.method,
      headers: { authorization: `Bearer ${team.apiKey}`, "content-type": "application/json" },
      body,
    }),
    { params: Promise.resolve(t.params) },
  );
  const text = await res.text();
  return { status: res.status, text };
}

function assertContract(t: Target, r: { status: number; text: string }) {
  expect(r.status, `${t.name} → ${r.status} ${r.text.slice(0, 300)}`).toBeLessThan(500);
  if (r.status >= 400) {
    const parsed = JSON.parse(r.text) as { error?: { code?: unknown; message?: unknown }; detail?: unknown };
    const ok = (typeof parsed.error?.code === "string" && typeof parsed.error.message === "string") || typeof parsed.detail === "string";
    expect(ok, `${t.name}: error not in the contract's shape: ${r.text.slice(0, 300)}`).toBe(true);
  }
}

describe("hostile input never causes a 5xx, errors keep the contract's shape", () => {
  it("finds the routes from the code", () => {
    expect(targets.length).toBeGreaterThanOrEqual(20);
  });

  it("random and adversarial bodies and queries on every route", async () => {
    for (const t of targets) {
      await fc.assert(
        fc.asyncProperty(t.method === "GET" ? fc.constant(undefined) : rawBody, query, async (body, q) => {
          assertContract(t, await send(t, body, q));
        }),
        { numRuns: RUNS },
      );
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  }, 900_000);
});
