import "server-only";
import { cookies, headers } from "next/headers";
import { TEAM_COOKIE } from "./team-context";

/**
 * Remembers the current team. Not a security boundary: every request re-checks that the user
 * is a member of the team it names, and falls back to their first team when not.
 */
export async function setTeamCookie(slug: string) {
  const https = (await headers()).get("x-forwarded-proto") === "https";
  (await cookies()).set(TEAM_COOKIE, slug, {
    httpOnly: true,
    sameSite: "lax",
    secure: https,
    path: "/",
    maxAge: 60 * 60 * 24 * 365,
  });
}
