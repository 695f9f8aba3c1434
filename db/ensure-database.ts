import { startEmbeddedPostgres, type EmbeddedHandle } from "./embedded";

/**
 * Makes sure DATABASE_URL points at a running PostgreSQL: the configured one, or the
 * embedded server in `.data/postgres` (started here when nobody runs it yet).
 */
export async function ensureDatabase(options: { quiet?: boolean } = {}): Promise<EmbeddedHandle | null> {
  if (process.env.DATABASE_URL) return null;
  const handle = await startEmbeddedPostgres(options);
  process.env.DATABASE_URL = handle.url;
  return handle;
}
