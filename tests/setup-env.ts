import { afterAll, inject } from "vitest";
import { closeDb } from "@/db/client";

// Every test file talks to the run's fresh database, whatever the shell had set.
process.env.DATABASE_URL = inject("databaseUrl");

afterAll(async () => {
  await closeDb();
});
