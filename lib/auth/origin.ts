import "server-only";
import { headers } from "next/headers";

/** AUTH_URL or APP_URL when set explicitly: the one public origin of the app. */
export function configuredOrigin(): string | null {
  const configured = process.env.AUTH_URL || process.env.APP_URL;
  return configured ? new URL(configured).origin : null;
}

/**
 * The origin a request reached us on, from Host / X-Forwarded-* (trusted: the app is self-hosted
 * behind the operator's proxy). Next's own request URL says `localhost`, whatever the Host was.
 */
export function requestOrigin(h: Headers, fallback: string): string {
  const host = h.get("x-forwarded-host")?.split(",")[0]?.trim() || h.get("host");
  if (!host) return new URL(fallback).origin;
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() || new URL(fallback).protocol.replace(":", "");
  return `${proto}://${host}`;
}

/** The app's public origin for links in emails and auth redirects. */
export async function appOrigin(): Promise<string> {
  return configuredOrigin() ?? requestOrigin(await headers(), "http://localhost:3000");
}
