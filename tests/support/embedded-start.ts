import { startEmbeddedPostgres } from "@/db/embedded";

/**
 * Test helper process: starts (or joins) the embedded PostgreSQL of ACL_DATA_DIR, prints
 * `{"owned": bool, "url": "..."}` on one line, and holds on until stdin closes; then it
 * stops the server if it started it. Lets a test race two real processes on one data dir.
 */
async function main() {
  const handle = await startEmbeddedPostgres({ quiet: true });
  process.stdout.write(`${JSON.stringify({ owned: handle.owned, url: handle.url, pid: process.pid })}\n`);
  process.stdin.resume();
  await new Promise((resolve) => process.stdin.on("end", resolve));
  await handle.stop();
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
