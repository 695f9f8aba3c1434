import { readEventLoopBlock } from "@/lib/event-loop-probe";
import { checkDatabase } from "@/lib/health";

export const dynamic = "force-dynamic";

/** Liveness + database check, used by load balancers and Playwright's webServer. */
export async function GET() {
  const started = Date.now();
  try {
    await checkDatabase();
    // Only with ACL_EVENT_LOOP_PROBE=1 (test suites): the longest event-loop block since the last probe.
    const eventLoop = readEventLoopBlock();
    return Response.json({ status: "ok", database: "ok", latencyMs: Date.now() - started, ...(eventLoop ? { eventLoop } : {}) });
  } catch (err) {
    console.error("[health] database check failed:", err);
    return Response.json({ status: "error", database: "unreachable" }, { status: 503 });
  }
}
