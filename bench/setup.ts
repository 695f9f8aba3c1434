import pg from "pg";
import { closeDb, getDb } from "@/db/client";
import { ensureDatabase } from "@/db/ensure-database";
import { migrateDatabase } from "@/db/migrate";
import type { Principal } from "@/lib/access/principal";
import { createApiKey, createTeam } from "@/lib/teams";

/** A fresh, migrated bench database with one team, the agent's key and a reviewer's key; dropped by close(). */
export interface BenchContext {
  admin: pg.Client;
  dbName: string;
  dbUrl: string;
  teamId: string;
  /** Starts runs (scopes runs, tasks). */
  agentKey: string;
  /** Decides (scope decide): separation of duties keeps the agent's key from deciding its own runs. */
  reviewerKey: string;
  /** The reviewer key as a Principal, for services called in process (bulk decisions). */
  principal: Principal;
  close(): Promise<void>;
}

export async function openBenchDatabase(): Promise<BenchContext> {
  // Raw and platform outreach send real (outbox) emails from one team: a full run sends ~1,700,
  // past the default daily quota of 1,000. Set before env() is first read; the server inherits it.
  process.env.EMAIL_DAILY_LIMIT_PER_TEAM ||= "1000000";
  const embedded = await ensureDatabase({ quiet: true });
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  const dbName = `acl_bench_${Date.now()}_${Math.random().toString(36).slice(2, 7)}`;
  await admin.query(`create database ${dbName}`);
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${dbName}`;
  const dbUrl = url.toString();
  const previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = dbUrl;
  const close = async () => {
    await closeDb();
    process.env.DATABASE_URL = previousUrl;
    await admin.query(`drop database if exists ${dbName} with (force)`).catch(() => {});
    await admin.end();
    await embedded?.stop();
  };
  try {
    await migrateDatabase(dbUrl);
    const { team, owner } = await getDb().transaction((tx) => createTeam({ slug: "bench", ownerEmail: "bench@example.com" }, tx));
    const key = await createApiKey({ teamId: team.id, actor: { type: "user", id: owner.id } });
    const reviewer = await createApiKey({
      teamId: team.id,
      name: "reviewer",
      actor: { type: "user", id: owner.id },
      scopes: ["runs", "tasks", "decide"],
    });
    const principal: Principal = {
      kind: "api_key",
      teamId: team.id,
      actor: { type: "api_key", id: reviewer.id },
      scopes: reviewer.scopes,
      queues: null,
    };
    return { admin, dbName, dbUrl, teamId: team.id, agentKey: key.apiKey, reviewerKey: reviewer.apiKey, principal, close };
  } catch (err) {
    await close();
    throw err;
  }
}
