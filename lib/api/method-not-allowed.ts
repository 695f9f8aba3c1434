import { AppError } from "@/lib/errors";
import { errorResponse } from "./errors";

/** 405 in the contract's error shape for the methods a route does not serve (Next sends an empty body). */
export function methodNotAllowed(allowed: string[]) {
  return async (req: Request) => {
    const res = errorResponse(new AppError("method_not_allowed", `${req.method} is not supported here; use ${allowed.join(" or ")}.`));
    res.headers.set("allow", allowed.join(", "));
    return res;
  };
}
