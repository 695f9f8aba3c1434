import { apiRoute } from "@/lib/api/handler";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";
import { getTaskOrThrow } from "@/lib/tasks/queries";

export const GET = apiRoute({ permission: "tasks.read" }, async ({ principal, params }) => ({
  body: await getTaskOrThrow({ principal, taskId: params.id! }),
}));

const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
