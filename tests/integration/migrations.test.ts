import { is } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { migrateDatabase } from "@/db/migrate";
import journal from "@/db/migrations/meta/_journal.json";
import * as schema from "@/db/schema";
import { createDatabase, dropDatabase, scratchDatabaseName } from "../support/database";

const adminUrl = inject("adminDatabaseUrl");
const name = scratchDatabaseName("acl_test_migrate");
let url: string;

async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** Every table, column and index, plus the applied-migration ledgers: what a no-op must not change. */
async function snapshot() {
  const columns = await query(
    `select table_schema, table_name, column_name, data_type from information_schema.columns
     where table_schema in ('public', 'graphile_worker', 'langgraph', 'drizzle')
     order by 1, 2, 3`,
  );
  const indexes = await query(
    "select schemaname, indexname from pg_indexes where schemaname in ('public', 'graphile_worker', 'langgraph') order by 1, 2",
  );
  const ledgers = {
    drizzle: await query("select hash from drizzle.__drizzle_migrations order by id"),
    worker: await query("select id from graphile_worker.migrations order by id"),
    langgraph: await query("select v from langgraph.checkpoint_migrations order by v"),
  };
  return { columns, indexes, ledgers };
}

async function tablesIn(schemaName: string): Promise<string[]> {
  const rows = await query<{ table_name: string }>("select table_name from information_schema.tables where table_schema = $1 order by 1", [
    schemaName,
  ]);
  return rows.map((r) => r.table_name);
}

const appTables = (Object.values(schema) as unknown[])
  .filter((value): value is PgTable => is(value, PgTable))
  .map((table) => getTableConfig(table).name)
  .sort();

describe("migrateDatabase", () => {
  beforeAll(async () => {
    url = await createDatabase(adminUrl, name);
  });
  afterAll(async () => {
    await dropDatabase(adminUrl, name);
  });

  it("starts from a database with no tables", async () => {
    expect(await tablesIn("public")).toEqual([]);
    const schemas = await query<{ n: string }>("select nspname as n from pg_namespace where nspname in ('graphile_worker', 'langgraph')");
    expect(schemas).toEqual([]);
  });

  it("creates the app's, the job queue's and LangGraph's tables in their own schemas", async () => {
    await migrateDatabase(url);

    expect(appTables.length).toBeGreaterThan(10);
    const publicTables = await tablesIn("public");
    for (const table of appTables) expect(publicTables).toContain(table);
    // Nothing of the job queue or checkpointer leaks into the app's schema.
    expect(publicTables.filter((t) => t.startsWith("checkpoint") || t.includes("job"))).toEqual([]);

    expect(await tablesIn("langgraph")).toEqual(
      expect.arrayContaining(["checkpoints", "checkpoint_blobs", "checkpoint_writes", "checkpoint_migrations"]),
    );
    const workerTables = await tablesIn("graphile_worker");
    expect(workerTables).toEqual(expect.arrayContaining(["_private_jobs", "_private_tasks", "migrations"]));
    const [addJob] = await query<{ n: number }>(
      "select count(*)::int as n from pg_proc p join pg_namespace s on s.oid = p.pronamespace where s.nspname = 'graphile_worker' and p.proname = 'add_job'",
    );
    expect(addJob!.n).toBeGreaterThan(0);
  });

  it("is a no-op the second time", async () => {
    const before = await snapshot();
    expect(before.ledgers.drizzle.length).toBeGreaterThan(0);
    expect(before.ledgers.worker.length).toBeGreaterThan(0);
    expect(before.ledgers.langgraph.length).toBeGreaterThan(0);

    await migrateDatabase(url);

    expect(await snapshot()).toEqual(before);
  });

  it("lets concurrent migrators of a fresh database both succeed (advisory lock)", async () => {
    const other = scratchDatabaseName("acl_test_migrate_race");
    const otherUrl = await createDatabase(adminUrl, other);
    try {
      await Promise.all([migrateDatabase(otherUrl), migrateDatabase(otherUrl), migrateDatabase(otherUrl)]);
      const client = new pg.Client({ connectionString: otherUrl });
      await client.connect();
      const { rows } = await client.query("select count(*)::int as n from drizzle.__drizzle_migrations");
      await client.end();
      expect(rows[0].n).toBe(journal.entries.length); // each committed migration applied once
    } finally {
      await dropDatabase(adminUrl, other);
    }
  });
});
