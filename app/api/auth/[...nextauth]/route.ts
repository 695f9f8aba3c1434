import type { NextRequest } from "next/server";
import { handlers } from "@/auth";
import { errorResponse } from "@/lib/api/errors";
import { clientIp, configuredOrigin, ORIGIN_REQUIRED_MESSAGE, publicOrigin } from "@/lib/auth/origin";
import { AppError } from "@/lib/errors";
import { enforceRateLimit } from "@/lib/rate-limit";

/** Sign-in emails per client address and minute (the form, the API and scripts alike). */
const SIGNIN_PER_IP_PER_MINUTE = () => Number(process.env.SIGNIN_PER_IP_PER_MINUTE ?? 20);

/**
 * Auth.js derives its base URL (callback redirects, magic links, OAuth redirect_uri) from the
 * request. Rebase every request on the public origin (APP_URL/AUTH_URL) and replace its Host
 * headers with it, so a forged Host or X-Forwarded-Host never reaches Auth.js; production
 * without a configured origin answers a clear error instead of guessing from headers.
 * A plain Request, not a NextRequest: NextURL rewrites 127.0.0.1 to localhost.
 */
function onPublicOrigin(req: NextRequest): NextRequest {
  const origin = publicOrigin(req.headers, req.url);
  const current = new URL(req.url);
  const pinned = configuredOrigin() !== null;
  if (origin === current.origin && !pinned) return req;
  const headers = new Headers(req.headers);
  if (pinned) {
    const url = new URL(origin);
    headers.set("host", url.host);
    headers.set("x-forwarded-host", url.host);
    headers.set("x-forwarded-proto", url.protocol.replace(":", ""));
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const rebased = new Request(new URL(current.pathname + current.search, origin), {
    method: req.method,
    headers,
    body: hasBody ? req.body : undefined,
    ...(hasBody ? { duplex: "half" } : {}),
  } as RequestInit);
  return rebased as NextRequest;
}

function originError(err: unknown) {
  if (err instanceof Error && err.message === ORIGIN_REQUIRED_MESSAGE) {
    console.error(`[auth] ${ORIGIN_REQUIRED_MESSAGE}`);
    return Response.json({ error: { code: "internal", message: ORIGIN_REQUIRED_MESSAGE } }, { status: 500 });
  }
  throw err;
}

export async function GET(req: NextRequest) {
  try {
    return await handlers.GET(onPublicOrigin(req));
  } catch (err) {
    return originError(err);
  }
}

export async function POST(req: NextRequest) {
  try {
    if (new URL(req.url).pathname.endsWith("/signin/email")) {
      await enforceRateLimit(`signin-ip:${clientIp(req.headers)}`, SIGNIN_PER_IP_PER_MINUTE());
    }
    return await handlers.POST(onPublicOrigin(req));
  } catch (err) {
    if (err instanceof AppError) return errorResponse(err);
    return originError(err);
  }
}
