import type { z } from "zod";

/** The one error type services throw; the API maps `code` to a status and the contract's shape. */
export const ERROR_STATUS = {
  invalid_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly details?: Record<string, unknown>,
    public readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toBody() {
    return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
  }
}

export const notFound = (what: string, id?: string) =>
  new AppError("not_found", id ? `No ${what} with id '${id}' in this team.` : `No such ${what}.`);

export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === "23505" || e?.cause?.code === "23505";
}

/** Names each failing field, e.g. "leads.0.email: must be a valid email address". */
export function describeZodError(error: z.ZodError, root = "body", prefix = ""): string {
  return error.issues
    .slice(0, 10)
    .map((i) => {
      const where = i.path.length ? prefix + i.path.join(".") : root;
      const missing = i.code === "invalid_type" && /received undefined/.test(i.message);
      return `${where}: ${missing ? "is required" : i.message}`;
    })
    .join("; ");
}
