import { parseWith, searchParamsObject } from "@/lib/api/body";
import { apiRoute } from "@/lib/api/handler";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";
import { queueVisibility } from "@/lib/access/visibility";
import { getAnalytics } from "@/lib/analytics";
import { analyticsQuery } from "@/lib/contract";

export const GET = apiRoute({ permission: "tasks.read" }, async ({ principal, url }) => {
  const q = parseWith(analyticsQuery, searchParamsObject(url), "query");
  const body = await getAnalytics({
    teamId: principal.teamId,
    workflow: q.workflow,
    queue: q.queue,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
    visible: (await queueVisibility(principal)).tasks(),
  });
  return { body };
});

const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
