import { errorResponse } from "@/lib/api/errors";
import { auditCsv } from "@/lib/audit";
import { queueVisibility } from "@/lib/access/visibility";
import { getCurrentContext } from "@/lib/auth/current";
import { roleCan } from "@/lib/access/permissions";
import { AppError } from "@/lib/errors";
import { parseAuditParams } from "../filters";

/**
 * GET /audit/export?<the audit page's filters>: the matching events as a CSV download, for the
 * signed-in member's current team. Streamed page by page, so a long history never sits in memory.
 */
export async function GET(req: Request) {
  try {
    const ctx = await getCurrentContext();
    if (!ctx) throw new AppError("unauthenticated", "Sign in to export the audit history.");
    const { principal, membership } = ctx;
    if (!principal || !membership) throw new AppError("forbidden", "You are not a member of this team.");
    if (!roleCan(principal.role, "audit.read"))
      throw new AppError("forbidden", `Your role (${principal.role}) may not read the audit history.`);

    const { filters } = parseAuditParams(new URL(req.url).searchParams);
    const rows = auditCsv({ teamId: principal.teamId, ...filters, visible: (await queueVisibility(principal)).auditFilter() });
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await rows.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
      async cancel() {
        await rows.return(undefined);
      },
    });
    const day = new Date().toISOString().slice(0, 10);
    return new Response(body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="audit-${membership.slug}-${day}.csv"`,
        "cache-control": "no-store",
      },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
