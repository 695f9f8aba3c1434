import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";

/** One round trip to the database; throws when it is unreachable. */
export async function checkDatabase() {
  await getDb().execute(sql`select 1`);
}
