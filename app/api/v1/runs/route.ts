import { parseWith, searchParamsObject } from "@/lib/api/body";
import { apiRoute } from "@/lib/api/handler";
import { visibleRuns } from "@/lib/access/visibility";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";
import { listRunsQuery, startRunBody } from "@/lib/contract";
import { listRuns, startRun } from "@/lib/engine/runs";

export const POST = apiRoute(
  { permission: "runs.create", body: startRunBody, idempotent: true },
  async ({ principal, body, recordIdempotent }) => {
    const run = await startRun({
      teamId: principal.teamId,
      workflow: body.workflow,
      input: body.input,
      metadata: body.metadata,
      actor: principal.actor,
      inTransaction: recordIdempotent ? (tx, created) => recordIdempotent(tx, 202, created) : undefined,
    });
    return { status: 202, body: run, headers: { location: `/api/v1/runs/${run.id}` } };
  },
);

export const GET = apiRoute({ permission: "runs.read" }, async ({ principal, url }) => {
  const q = parseWith(listRunsQuery, searchParamsObject(url), "query");
  return { body: await listRuns({ teamId: principal.teamId, ...q, visible: await visibleRuns(principal) }) };
});

const notAllowed = methodNotAllowed(["GET", "POST"]);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
