import { parseWith, searchParamsObject } from "@/lib/api/body";
import { apiRoute } from "@/lib/api/handler";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";
import { listTasksQuery } from "@/lib/contract";
import { createStandaloneTask, createTaskInputSchema } from "@/lib/tasks/create";
import { listTasks } from "@/lib/tasks/queries";

export const GET = apiRoute({ permission: "tasks.read" }, async ({ principal, url }) => {
  const { cursor, limit, ...filters } = parseWith(listTasksQuery, searchParamsObject(url), "query");
  return { body: await listTasks({ principal, filters, cursor, limit }) };
});

export const POST = apiRoute(
  { permission: "tasks.create", body: createTaskInputSchema, idempotent: true },
  async ({ principal, body, recordIdempotent }) => ({
    status: 201,
    body: await createStandaloneTask({
      principal,
      input: body,
      inTransaction: recordIdempotent ? (tx, created) => recordIdempotent(tx, 201, created) : undefined,
    }),
  }),
);

const notAllowed = methodNotAllowed(["GET", "POST"]);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
