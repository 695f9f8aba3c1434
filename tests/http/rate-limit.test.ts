import { expect, it } from "vitest";
import { expectError, expectStatus } from "./api";
import { newTeam, serverForFile } from "./fixtures";

/** A dedicated server with a small per-key limit (the other files run with a huge one). */
const LIMIT = 5;
const ctx = serverForFile({ env: { RATE_LIMIT_PER_MINUTE: String(LIMIT) } });

it(`over ${LIMIT} requests a minute → 429 with retry-after; other keys are not affected`, async () => {
  const a = await newTeam(ctx.server);
  const b = await newTeam(ctx.server);
  // 2·LIMIT+2 requests: even if a minute boundary splits them, one window exceeds the limit.
  const responses = [];
  for (let i = 0; i < 2 * LIMIT + 2; i++) responses.push(await a.api.get("/runs"));
  const limited = responses.filter((r) => r.status === 429);
  expect(limited.length).toBeGreaterThan(0);
  expect(responses.filter((r) => r.status === 200).length).toBeLessThanOrEqual(2 * LIMIT);
  for (const r of responses) expect([200, 429]).toContain(r.status);
  for (const r of limited) {
    expectError(r, 429, "rate_limited");
    const retryAfter = Number(r.headers.get("retry-after"));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
  }
  // The limit is per key: another team's key still gets through.
  expectStatus(await b.api.get("/runs"), 200);
});
