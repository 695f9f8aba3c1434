import { checkDatabase } from "@/lib/health";

export const dynamic = "force-dynamic";

/** Liveness + database check, used by load balancers and Playwright's webServer. */
export async function GET() {
  const started = Date.now();
  try {
    await checkDatabase();
    return Response.json({ status: "ok", database: "ok", latencyMs: Date.now() - started });
  } catch (err) {
    console.error("[health] database check failed:", err);
    return Response.json({ status: "error", database: "unreachable" }, { status: 503 });
  }
}
