import type { NextRequest } from "next/server";
import { handlers } from "@/auth";
import { configuredOrigin, requestOrigin } from "@/lib/auth/origin";

/**
 * Auth.js derives its base URL (callback redirects, OAuth redirect_uri) from the request URL,
 * which Next reports as `localhost:<port>`. Rebase it on the public origin so a sign-in that
 * starts on https://acl.example.com (or 127.0.0.1) also ends there, where its cookie lives.
 * A plain Request, not a NextRequest: NextURL rewrites 127.0.0.1 to localhost. Auth.js reads
 * only the url, method, headers and body (and nextUrl only when AUTH_URL is set, see below).
 */
function onPublicOrigin(req: NextRequest): NextRequest {
  if (process.env.AUTH_URL) return req; // next-auth rebases on AUTH_URL itself
  const origin = configuredOrigin() ?? requestOrigin(req.headers, req.url);
  const current = new URL(req.url);
  if (origin === current.origin) return req;
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const rebased = new Request(new URL(current.pathname + current.search, origin), {
    method: req.method,
    headers: req.headers,
    body: hasBody ? req.body : undefined,
    ...(hasBody ? { duplex: "half" } : {}),
  } as RequestInit);
  return rebased as NextRequest;
}

export const GET = (req: NextRequest) => handlers.GET(onPublicOrigin(req));
export const POST = (req: NextRequest) => handlers.POST(onPublicOrigin(req));
