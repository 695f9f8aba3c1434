import { sql } from "drizzle-orm";
import pg from "pg";
import { expect, it } from "vitest";
import { getDb } from "@/db/client";
import { dropEmptyJobQueues } from "@/lib/engine/maintenance";

const queueIds = async (names: string[]) => {
  const r = await getDb().execute<{ queue_name: string }>(
    sql`select queue_name from graphile_worker._private_job_queues where queue_name = any(${sql`array[${sql.join(
      names.map((n) => sql`${n}`),
      sql`, `,
    )}]::text[]`}) order by queue_name`,
  );
  return r.rows.map((row) => row.queue_name);
};

const addJob = (db: { query: (q: string, v: unknown[]) => Promise<unknown> }, queue: string) =>
  db.query(`select graphile_worker.add_job('test:noop', '{}'::json, queue_name => $1)`, [queue]);

it("drops job queues with no job left, keeps those with a job", async () => {
  const suffix = Math.random().toString(36).slice(2, 8);
  const [empty, busy] = [`gc-empty-${suffix}`, `gc-busy-${suffix}`];
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await addJob(client, empty);
    await addJob(client, busy);
    // A finished job: graphile-worker deletes the job and keeps its queue's row.
    await client.query(
      `delete from graphile_worker._private_jobs where job_queue_id = (select id from graphile_worker._private_job_queues where queue_name = $1)`,
      [empty],
    );
    expect(await queueIds([empty, busy])).toEqual([busy, empty]);
    expect(await dropEmptyJobQueues(getDb())).toBeGreaterThanOrEqual(1);
    expect(await queueIds([empty, busy])).toEqual([busy]);
  } finally {
    await client.end();
  }
});

it("never drops the queue of a job added in a transaction not yet committed (the job would never run)", async () => {
  const queue = `gc-race-${Math.random().toString(36).slice(2, 8)}`;
  const setup = new pg.Client({ connectionString: process.env.DATABASE_URL });
  const adder = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await Promise.all([setup.connect(), adder.connect()]);
  try {
    // The queue exists and is empty (its last job finished), as for a waiting run.
    await addJob(setup, queue);
    await setup.query(
      `delete from graphile_worker._private_jobs where job_queue_id = (select id from graphile_worker._private_job_queues where queue_name = $1)`,
      [queue],
    );
    // A decision's transaction adds the run's next job to that queue and has not committed yet.
    await adder.query("begin");
    await addJob(adder, queue);
    const gc = dropEmptyJobQueues(getDb()); // waits for the adder (or gives up after its lock timeout)
    await new Promise((r) => setTimeout(r, 50));
    await adder.query("commit");
    await gc;
    const { rows } = await setup.query<{ orphaned: number }>(
      `select count(*)::int as orphaned from graphile_worker._private_jobs j
        where j.job_queue_id is not null
          and not exists (select 1 from graphile_worker._private_job_queues q where q.id = j.job_queue_id)`,
    );
    expect(rows[0]!.orphaned, "jobs whose queue was dropped").toBe(0);
    expect(await queueIds([queue])).toEqual([queue]);
  } finally {
    await Promise.all([setup.end(), adder.end()]);
  }
});
