import "server-only";
import { sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

/**
 * Fixed one-minute window per key, counted in Postgres so that every web instance shares it.
 * One upsert per request; old windows are swept now and then.
 */
export async function enforceRateLimit(bucket: string, limit = env().RATE_LIMIT_PER_MINUTE, db: DbOrTx = getDb()) {
  const result = await db.execute<{ count: number; reset: number }>(sql`
    insert into rate_limit_counters (bucket, window_start, count)
    values (${bucket}, date_trunc('minute', now()), 1)
    on conflict (bucket, window_start) do update set count = rate_limit_counters.count + 1
    returning count, ceil(extract(epoch from (date_trunc('minute', now()) + interval '1 minute' - now())))::int as reset`);
  const row = result.rows[0]!;
  if (Math.random() < 0.01) {
    void db.execute(sql`delete from rate_limit_counters where window_start < now() - interval '5 minutes'`).catch(() => {});
  }
  if (row.count > limit) {
    throw new AppError(
      "rate_limited",
      `Rate limit of ${limit} requests per minute exceeded for this API key; retry after ${row.reset} s.`,
      undefined,
      { "retry-after": String(Math.max(1, row.reset)) },
    );
  }
}
