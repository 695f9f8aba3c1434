import { apiRoute } from "@/lib/api/handler";
import { listWorkflows } from "@/lib/workflows";

export const GET = apiRoute({ permission: "workflows.read" }, async () => ({ body: { items: listWorkflows() } }));
