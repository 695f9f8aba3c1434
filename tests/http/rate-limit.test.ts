import { expect, it } from "vitest";
import { expectError, expectStatus } from "./api";
import { newTeam, serverForFile, sql, waitUntil } from "./fixtures";

/** A dedicated server with a small per-key limit (the other files run with a huge one). */
const LIMIT = 5;
const ctx = serverForFile({ env: { RATE_LIMIT_PER_MINUTE: String(LIMIT) } });

/** Seconds left in the current minute on the database's clock (the limiter's window is the minute). */
async function secondsLeftInMinute() {
  const [row] = await sql<{ left: number }>(`select 60 - extract(second from now())::float8 as left`);
  return row!.left;
}

it(`exactly ${LIMIT} requests a minute per key, then 429 with retry-after; other keys are not affected`, async () => {
  const a = await newTeam(ctx.server);
  const b = await newTeam(ctx.server);
  // The window is a calendar minute: start the burst with enough of it left to stay inside one.
  await waitUntil(secondsLeftInMinute, (left) => left > 25, { timeoutMs: 70_000, what: "a fresh minute" });
  const [{ minute: before }] = await sql<{ minute: string }>(`select date_trunc('minute', now())::text as minute`);

  const responses = [];
  for (let i = 0; i < LIMIT + 3; i++) responses.push(await a.api.get("/runs"));
  const [{ minute: after }] = await sql<{ minute: string }>(`select date_trunc('minute', now())::text as minute`);
  expect(after, "the burst stayed inside one window").toBe(before);

  // The first LIMIT pass, every one after is refused: not one more, not one fewer.
  expect(responses.map((r) => r.status)).toEqual([...Array(LIMIT).fill(200), 429, 429, 429]);
  const left = await secondsLeftInMinute();
  for (const r of responses.slice(LIMIT)) {
    expectError(r, 429, "rate_limited", `Rate limit of ${LIMIT} requests per minute`);
    const retryAfter = Number(r.headers.get("retry-after"));
    expect(Number.isInteger(retryAfter)).toBe(true);
    // retry-after points at the end of the window: no earlier than now, no later than the minute's end.
    expect(retryAfter).toBeGreaterThanOrEqual(Math.floor(left));
    expect(retryAfter).toBeLessThanOrEqual(60);
  }
  // The limit is per key: another team's key still gets exactly its own LIMIT.
  for (let i = 0; i < LIMIT; i++) expectStatus(await b.api.get("/runs"), 200);
  expectError(await b.api.get("/runs"), 429, "rate_limited");
});
