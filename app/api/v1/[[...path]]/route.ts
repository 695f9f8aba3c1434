import { errorResponse } from "@/lib/api/errors";
import { AppError } from "@/lib/errors";

/** Unknown API paths answer in the contract's error shape, never with an HTML page. */
function notFound(req: Request) {
  return errorResponse(new AppError("not_found", `No such endpoint: ${req.method} ${new URL(req.url).pathname}.`));
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
