import "server-only";
import { env } from "@/lib/env";
import { startWorker } from "./worker";

/**
 * By default the job worker runs inside the web process (ACL_WORKER=inline), so one command
 * runs everything; set ACL_WORKER=off and run `npm run worker` to scale workers separately.
 */
export async function startEmbeddedWorker() {
  if (env().ACL_WORKER === "off") return;
  if (!process.env.DATABASE_URL) {
    console.warn("[worker] DATABASE_URL is not set; the embedded worker is not started.");
    return;
  }
  const handle = await startWorker();
  console.log("[worker] embedded job worker started");
  const stop = () => {
    handle.stop().finally(() => process.exit(0));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
