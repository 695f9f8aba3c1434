import type { TestProject } from "vitest/node";
import { migrateDatabase } from "@/db/migrate";
import { createDatabase, dropDatabase, dropStaleDatabases, scratchDatabaseName } from "./support/database";
import { startEmbeddedInChild } from "./support/embedded-process";

declare module "vitest" {
  export interface ProvidedContext {
    /** The fresh, migrated database of this test run. */
    databaseUrl: string;
    /** The server's maintenance database, for tests that create databases of their own. */
    adminDatabaseUrl: string;
  }
}

/**
 * One fresh database per `vitest run`: on DATABASE_URL's server when set (CI, dev
 * sessions), else on the embedded server in .data/ (started by a child process if nobody
 * runs it; never in this process, see support/embedded-process.ts).
 * Set ACL_KEEP_TEST_DB=1 to keep it for inspection.
 */
export default async function setup(project: TestProject) {
  const started = Date.now();
  const configuredUrl = process.env.DATABASE_URL;
  const embedded = configuredUrl ? null : await startEmbeddedInChild();
  const adminUrl = configuredUrl ?? embedded!.url;
  const name = scratchDatabaseName("acl_test");
  let url: string;
  try {
    await dropStaleDatabases(adminUrl, "acl_test");
    url = await createDatabase(adminUrl, name);
    await migrateDatabase(url);
  } catch (err) {
    await embedded?.stop();
    throw err;
  }

  process.env.DATABASE_URL = url; // inherited by the test workers forked after this
  project.provide("databaseUrl", url);
  project.provide("adminDatabaseUrl", adminUrl);
  const where = embedded ? "embedded PostgreSQL" : "DATABASE_URL's server";
  console.log(`[tests] database ${name} on ${where}, migrated in ${Date.now() - started} ms`);

  return async () => {
    if (process.env.ACL_KEEP_TEST_DB) console.log(`[tests] kept database ${url}`);
    else await dropDatabase(adminUrl, name).catch((err) => console.warn(`[tests] could not drop ${name}: ${err}`));
    await embedded?.stop(); // stops the server only if the child started it
    if (configuredUrl) process.env.DATABASE_URL = configuredUrl;
    else delete process.env.DATABASE_URL;
  };
}
