import { parseWith, searchParamsObject } from "@/lib/api/body";
import { apiRoute } from "@/lib/api/handler";
import { queueVisibility } from "@/lib/access/visibility";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";
import { listAuditQuery } from "@/lib/contract";
import { listAuditEvents } from "@/lib/audit";

export const GET = apiRoute({ permission: "audit.read" }, async ({ principal, url }) => {
  const q = parseWith(listAuditQuery, searchParamsObject(url), "query");
  const visible = (await queueVisibility(principal)).auditFilter();
  return { body: await listAuditEvents({ teamId: principal.teamId, ...q, visible }) };
});

const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
