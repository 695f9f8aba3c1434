import "server-only";
import { headers } from "next/headers";

/**
 * The app's public origin for links in emails: AUTH_URL or APP_URL when set explicitly,
 * else the origin this request reached us on (development, single-host installs).
 */
export async function appOrigin(): Promise<string> {
  const configured = process.env.AUTH_URL || process.env.APP_URL;
  if (configured) return new URL(configured).origin;
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto}://${host}`;
}
