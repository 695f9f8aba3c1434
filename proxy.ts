import { NextResponse, type NextRequest } from "next/server";
import { API_CSP, newNonce, pageCsp, securityHeaders } from "@/lib/security/headers";

/**
 * Runs on every request but static assets:
 *  - security headers on every response (pages and API), a nonce-based CSP on pages;
 *  - UX only: sends visitors without a session cookie to sign-in, remembering where they were
 *    going. It does not verify the session (that needs the database); every page and action does.
 */
const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"];
const PUBLIC = /^\/(api\/|sign-in|verify|auth-error)/;
const HEADERS = securityHeaders({ production: process.env.NODE_ENV === "production" });

function withHeaders(res: NextResponse, csp: string) {
  res.headers.set("content-security-policy", csp);
  for (const [name, value] of Object.entries(HEADERS)) res.headers.set(name, value);
  return res;
}

export function proxy(req: NextRequest) {
  const path = req.nextUrl.pathname;
  if (path.startsWith("/api/")) return withHeaders(NextResponse.next(), API_CSP);

  const nonce = newNonce();
  const csp = pageCsp(nonce, { dev: process.env.NODE_ENV === "development" });
  if (!PUBLIC.test(path) && !SESSION_COOKIES.some((name) => req.cookies.has(name))) {
    const url = req.nextUrl.clone();
    const target = `${path}${req.nextUrl.search}`;
    url.pathname = "/sign-in";
    url.search = target === "/" ? "" : `?callbackUrl=${encodeURIComponent(target)}`;
    return withHeaders(NextResponse.redirect(url), csp);
  }
  // Next.js reads the nonce from the request's CSP header and puts it on its inline scripts.
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), csp);
}

export const config = {
  // The whole API (openapi.json included), and every page: not Next's static files or public files.
  matcher: ["/api/:path*", "/((?!api/|_next/static|_next/image|favicon.ico|.*\\.[a-zA-Z0-9]+$).*)"],
};
