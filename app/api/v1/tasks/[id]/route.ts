import { getDb } from "@/db/client";
import { apiRoute } from "@/lib/api/handler";
import { getTaskOrThrow } from "@/lib/tasks/queries";

export const GET = apiRoute({ permission: "tasks.read" }, async ({ principal, params }) => ({
  body: await getTaskOrThrow(getDb(), { principal, taskId: params.id! }),
}));
