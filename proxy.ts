import { NextResponse, type NextRequest } from "next/server";

/**
 * UX only: sends visitors without a session cookie to sign-in, remembering where they were going.
 * It does not verify the session (that needs the database); every page and action does that itself.
 */
const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"];

export function proxy(req: NextRequest) {
  if (SESSION_COOKIES.some((name) => req.cookies.has(name))) return NextResponse.next();
  const url = req.nextUrl.clone();
  const target = `${req.nextUrl.pathname}${req.nextUrl.search}`;
  url.pathname = "/sign-in";
  url.search = target === "/" ? "" : `?callbackUrl=${encodeURIComponent(target)}`;
  return NextResponse.redirect(url);
}

export const config = {
  // Everything except the API, auth pages, Next internals and files with an extension.
  matcher: ["/((?!api/|_next/|sign-in|verify|auth-error|favicon.ico|.*\\.[a-zA-Z0-9]+$).*)"],
};
