import { apiRoute } from "@/lib/api/handler";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";
import { listWorkflows } from "@/lib/workflows";

export const GET = apiRoute({ permission: "workflows.read" }, async () => ({ body: { items: listWorkflows() } }));

const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
