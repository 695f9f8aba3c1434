import { apiRoute } from "@/lib/api/handler";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";
import { decideTask, decisionInputSchema } from "@/lib/tasks/decide";

/** The resume route: a 200 means the decision is durable and the run will resume exactly once. */
export const POST = apiRoute({ permission: "tasks.decide", body: decisionInputSchema }, async ({ principal, params, body }) => ({
  body: await decideTask({ principal, taskId: params.id!, input: body }),
}));

const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
