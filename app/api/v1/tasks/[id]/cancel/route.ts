import { apiRoute } from "@/lib/api/handler";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";
import { cancelRunBody } from "@/lib/contract";
import { cancelStandaloneTask } from "@/lib/tasks/cancel";

/** Same optional body as a run's cancel: `{reason?}`. */
export const POST = apiRoute({ permission: "tasks.create", body: cancelRunBody }, async ({ principal, params, body }) => ({
  body: await cancelStandaloneTask({ principal, taskId: params.id!, reason: body.reason }),
}));

const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
