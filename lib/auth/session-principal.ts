import "server-only";
import type { NextRequest } from "next/server";
import { getDb } from "@/db/client";
import { AppError } from "@/lib/errors";
import type { Principal } from "@/lib/access/principal";
import { getUserBySessionToken, resolveTeamContext, SESSION_COOKIES, TEAM_COOKIE } from "./team-context";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Browser sessions may call the API from the dashboard's own pages only. Modern browsers send
 * Sec-Fetch-Site; older ones at least send Origin on non-GET requests. Reads without either header
 * are allowed (cross-site pages cannot read the response without CORS, which we never grant).
 */
export function isSameOriginRequest(req: NextRequest): boolean {
  const safe = SAFE_METHODS.has(req.method.toUpperCase());
  const site = req.headers.get("sec-fetch-site");
  if (site) return site === "same-origin" || (safe && site === "none");
  const origin = req.headers.get("origin");
  if (origin) {
    const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host") ?? req.nextUrl.host;
    try {
      return new URL(origin).host === host;
    } catch {
      return false;
    }
  }
  return safe;
}

/**
 * Resolves a signed-in browser session (same-origin only) to a principal for its current team:
 * the team named by the `acl_team` cookie (or `x-acl-team` header), else the user's first team.
 * Returns null when the request carries no valid session, so the caller can answer 401.
 */
export async function getSessionPrincipal(req: NextRequest): Promise<Principal | null> {
  const token = SESSION_COOKIES.map((name) => req.cookies.get(name)?.value).find(Boolean);
  if (!token) return null;
  if (!isSameOriginRequest(req)) {
    throw new AppError("forbidden", "Cross-origin requests may not use a browser session; send an API key instead.");
  }
  const db = getDb();
  const user = await getUserBySessionToken(db, token);
  if (!user) return null;
  const teamRef = req.headers.get("x-acl-team") ?? req.cookies.get(TEAM_COOKIE)?.value;
  const { principal } = await resolveTeamContext(db, { user, teamRef });
  if (!principal) throw new AppError("forbidden", "You are not a member of any team yet: create one in the dashboard.");
  return principal;
}
