import { z } from "zod";
import { AppError } from "@/lib/errors";
import { env } from "@/lib/env";
import { describeZodError } from "./errors";

/** Reads a JSON body with a hard size cap (413) and clear errors for malformed JSON (400). */
export async function readJsonBody(req: Request): Promise<unknown> {
  const limit = env().MAX_BODY_BYTES;
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limit) throw tooLarge(limit);
  const reader = req.body?.getReader();
  if (!reader) return undefined;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return undefined;
  const type = req.headers.get("content-type") ?? "";
  if (type && !type.includes("json")) {
    throw new AppError("invalid_request", `Send the body as JSON with content-type: application/json (got '${type}').`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new AppError("invalid_request", `Malformed JSON body: ${(err as Error).message}`);
  }
  // PostgreSQL text and jsonb cannot hold U+0000.
  if (text.includes("\\u0000") && containsNul(value)) {
    throw new AppError("invalid_request", "The body must not contain NUL characters (\\u0000) in strings or keys.");
  }
  return value;
}

function containsNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (Array.isArray(value)) return value.some(containsNul);
  if (value && typeof value === "object") return Object.entries(value).some(([k, v]) => k.includes("\u0000") || containsNul(v));
  return false;
}

function tooLarge(limit: number) {
  return new AppError("payload_too_large", `Request body is larger than the limit of ${limit} bytes.`);
}

export function parseWith<T extends z.ZodType>(schema: T, value: unknown, root = "body"): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError("invalid_request", describeZodError(parsed.error, root));
  return parsed.data;
}

export function searchParamsObject(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams.entries());
}
