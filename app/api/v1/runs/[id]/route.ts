import { parseWith, searchParamsObject } from "@/lib/api/body";
import { apiRoute } from "@/lib/api/handler";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";
import { withStreamSlot } from "@/lib/api/stream-slots";
import { getRunQuery } from "@/lib/contract";
import { getRunOrThrow, waitForRun } from "@/lib/engine/runs";

export const GET = apiRoute({ permission: "runs.read" }, async ({ principal, params, url, req }) => {
  const { wait } = parseWith(getRunQuery, searchParamsObject(url), "query");
  const runId = params.id!;
  const run = wait
    ? await withStreamSlot(principal, () => waitForRun({ teamId: principal.teamId, runId, waitSeconds: wait, signal: req.signal }))
    : await getRunOrThrow({ teamId: principal.teamId, runId });
  return { body: run };
});

const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
