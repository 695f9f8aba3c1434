import { NextRequest } from "next/server";
import { handlers } from "@/auth";
import { configuredOrigin, requestOrigin } from "@/lib/auth/origin";

/**
 * Auth.js derives its base URL (callback redirects, OAuth redirect_uri) from the request URL,
 * which Next reports as `localhost:<port>`. Rebase it on the public origin so a sign-in that
 * starts on https://acl.example.com (or 127.0.0.1) also ends there, where its cookie lives.
 */
function onPublicOrigin(req: NextRequest): NextRequest {
  if (process.env.AUTH_URL) return req; // next-auth rebases on AUTH_URL itself
  const origin = configuredOrigin() ?? requestOrigin(req.headers, req.url);
  // Compare with req.url, not req.nextUrl: the latter already follows the Host header.
  const current = new URL(req.url);
  if (origin === current.origin) return req;
  return new NextRequest(new URL(current.pathname + current.search, origin), req);
}

export const GET = (req: NextRequest) => handlers.GET(onPublicOrigin(req));
export const POST = (req: NextRequest) => handlers.POST(onPublicOrigin(req));
