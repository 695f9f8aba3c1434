import { randomUUID } from "node:crypto";
import { NextResponse } from "next/server";
import { z } from "zod";
import { AppError, describeZodError } from "@/lib/errors";

export { describeZodError };

export function json(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}) {
  return NextResponse.json(body, { status: init.status ?? 200, headers: init.headers });
}

export function errorResponse(err: unknown, requestId = randomUUID()): NextResponse {
  if (err instanceof AppError) {
    return json(err.toBody(), { status: err.status, headers: { "x-request-id": requestId, ...(err.headers ?? {}) } });
  }
  if (err instanceof z.ZodError) {
    return json(
      { error: { code: "invalid_request", message: describeZodError(err) } },
      { status: 400, headers: { "x-request-id": requestId } },
    );
  }
  // Unexpected: log with the request id, answer without internals.
  console.error(`[api] request ${requestId} failed:`, err);
  return json(
    { error: { code: "internal", message: `Something went wrong on our side. Quote request id ${requestId} when reporting it.` } },
    { status: 500, headers: { "x-request-id": requestId } },
  );
}
