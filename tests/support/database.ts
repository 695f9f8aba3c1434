import pg from "pg";

/**
 * Scratch databases for test runs: created on an existing server (DATABASE_URL's, or the
 * embedded one), dropped afterwards. Names carry their creation time so that databases
 * left behind by killed runs can be recognised and removed later.
 */

export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export function scratchDatabaseName(prefix: string): string {
  return `${prefix}_${Date.now()}_${Math.random().toString(36).slice(2, 7)}`;
}

async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createDatabase(adminUrl: string, name: string): Promise<string> {
  await withAdmin(adminUrl, (c) => c.query(`create database ${c.escapeIdentifier(name)}`));
  return withDatabaseName(adminUrl, name);
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  // `with (force)` ends sessions a test forgot to close (PostgreSQL 13+).
  await withAdmin(adminUrl, (c) => c.query(`drop database if exists ${c.escapeIdentifier(name)} with (force)`));
}

/**
 * Drops `<prefix>_<ms>_…` databases older than `maxAgeMs`. Age-based on purpose: other
 * runs may share the server right now, and their databases are young.
 */
export async function dropStaleDatabases(adminUrl: string, prefix: string, maxAgeMs = 12 * 3600_000) {
  const { rows } = await withAdmin(adminUrl, (c) =>
    c.query<{ datname: string }>("select datname from pg_database where datname like $1", [`${prefix}\\_%`]),
  );
  for (const { datname } of rows) {
    const created = Number(datname.slice(prefix.length + 1).split("_")[0]);
    if (created && Date.now() - created > maxAgeMs) await dropDatabase(adminUrl, datname).catch(() => {});
  }
}
