import { apiRoute } from "@/lib/api/handler";
import { visibleRuns } from "@/lib/access/visibility";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";
import { cancelRunBody } from "@/lib/contract";
import { cancelRun } from "@/lib/engine/runs";

export const POST = apiRoute({ permission: "runs.cancel", body: cancelRunBody }, async ({ principal, params, body }) => ({
  body: await cancelRun({
    teamId: principal.teamId,
    runId: params.id!,
    actor: principal.actor,
    reason: body.reason,
    visible: await visibleRuns(principal),
  }),
}));

const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
