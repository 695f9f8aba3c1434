/** One readable line for any error, including pg's connection errors (AggregateError has no message). */
export function describeError(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) return describeError(err.errors[0]);
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    const message = err.message || code || err.name;
    if (code === "ECONNREFUSED") return `${message} (is the database at DATABASE_URL running?)`;
    return message;
  }
  return String(err);
}
