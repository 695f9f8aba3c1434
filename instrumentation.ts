/** Next.js calls register() once per server process: start the embedded job worker there. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startEmbeddedWorker } = await import("./lib/engine/embedded-worker");
    await startEmbeddedWorker();
  }
}
