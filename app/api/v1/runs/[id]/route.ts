import { parseWith, searchParamsObject } from "@/lib/api/body";
import { apiRoute } from "@/lib/api/handler";
import { visibleRuns } from "@/lib/access/visibility";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";
import { withStreamSlot } from "@/lib/api/stream-slots";
import { getRunQuery } from "@/lib/contract";
import { getRunOrThrow, waitForRun } from "@/lib/engine/runs";

export const GET = apiRoute({ permission: "runs.read" }, async ({ principal, params, url, req }) => {
  const { wait } = parseWith(getRunQuery, searchParamsObject(url), "query");
  const scope = { teamId: principal.teamId, runId: params.id!, visible: await visibleRuns(principal) };
  const run = wait
    ? await withStreamSlot(principal, () => waitForRun({ ...scope, waitSeconds: wait, signal: req.signal }))
    : await getRunOrThrow(scope);
  return { body: run };
});

const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
