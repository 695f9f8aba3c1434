import { ensureDatabase } from "@/db/ensure-database";
import { migrateDatabase } from "@/db/migrate";

async function main() {
  const embedded = await ensureDatabase();
  try {
    await migrateDatabase(process.env.DATABASE_URL!);
    console.log(JSON.stringify({ migrated: true, embedded: Boolean(embedded) }));
  } finally {
    await embedded?.stop();
  }
}

main().catch((err) => {
  console.error(`migrate failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
