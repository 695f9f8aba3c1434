import { apiRoute } from "@/lib/api/handler";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";
import { decisionInputSchema } from "@/lib/contract";
import { resumeTask } from "@/lib/engine/resume";

/** The resume route: a 200 means the decision is durable and the run will resume exactly once. */
export const POST = apiRoute({ permission: "tasks.decide", body: decisionInputSchema }, async ({ principal, params, body }) => ({
  body: await resumeTask({ principal, taskId: params.id!, input: body }),
}));

const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
