import "server-only";
import { headers } from "next/headers";

export const ORIGIN_REQUIRED_MESSAGE =
  "APP_URL (or AUTH_URL) must be set to the app's public origin in production: sign-in links are never built from request headers.";

/** AUTH_URL or APP_URL when set explicitly: the one public origin of the app. */
export function configuredOrigin(): string | null {
  const configured = process.env.AUTH_URL || process.env.APP_URL;
  return configured ? new URL(configured).origin : null;
}

/**
 * The origin a request reached us on, from Host / X-Forwarded-*. Only for development: a forged
 * Host must never decide where a sign-in link points, so production needs configuredOrigin().
 */
export function requestOrigin(h: Headers, fallback: string): string {
  const host = h.get("x-forwarded-host")?.split(",")[0]?.trim() || h.get("host");
  if (!host) return new URL(fallback).origin;
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() || new URL(fallback).protocol.replace(":", "");
  return `${proto}://${host}`;
}

/** The app's public origin; in production without APP_URL/AUTH_URL it throws (a clear error, never a guess). */
export function publicOrigin(h: Headers, fallback: string): string {
  const configured = configuredOrigin();
  if (configured) return configured;
  if (process.env.NODE_ENV === "production") throw new Error(ORIGIN_REQUIRED_MESSAGE);
  return requestOrigin(h, fallback);
}

/** The app's public origin for links in emails and auth redirects. */
export async function appOrigin(): Promise<string> {
  return publicOrigin(await headers(), "http://localhost:3000");
}

/** The caller's address for per-IP limits: the first X-Forwarded-For hop (set by the operator's proxy), else X-Real-IP. */
export function clientIp(h: Headers): string {
  return h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip")?.trim() || "unknown";
}
