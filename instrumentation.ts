/**
 * Next.js calls register() once per server process. By default the job worker runs inside
 * the web process (ACL_WORKER=inline); set ACL_WORKER=off and run `npm run worker` to scale
 * workers separately.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if ((process.env.ACL_WORKER ?? "inline") === "off") return;
  if (!process.env.DATABASE_URL) {
    console.warn("[worker] DATABASE_URL is not set; the embedded worker is not started.");
    return;
  }
  const { startWorker } = await import("./lib/engine/worker");
  const handle = await startWorker();
  console.log("[worker] embedded job worker started");
  const stop = () => {
    handle.stop().finally(() => process.exit(0));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
