import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "@/auth";
import { getDb } from "@/db/client";
import { resolveTeamContext, TEAM_COOKIE, type SessionUser, type TeamContext, type UserPrincipal } from "./team-context";

/** The signed-in user of this request (Auth.js database session), once per render. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const u = session?.user;
  if (!u?.id || !u.email) return null;
  return { id: u.id, email: u.email, name: u.name ?? null, image: u.image ?? null };
});

/** The user plus their teams and current team, once per render. */
export const getCurrentContext = cache(async (): Promise<(TeamContext & { user: SessionUser }) | null> => {
  const user = await getSessionUser();
  if (!user) return null;
  const teamRef = (await cookies()).get(TEAM_COOKIE)?.value;
  return { user, ...(await resolveTeamContext(getDb(), { user, teamRef })) };
});

/** The principal for pages and server actions: the signed-in member of the current team, or null. */
export async function getCurrentPrincipal(): Promise<UserPrincipal | null> {
  return (await getCurrentContext())?.principal ?? null;
}

/** For pages: the signed-in user, or a redirect to sign-in. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  return user;
}

/**
 * For dashboard pages: the user, their current team and principal. Redirects to sign-in when
 * signed out and to onboarding when the user has no team yet. Permission checks stay with the page.
 */
export async function requireTeamContext() {
  const ctx = await getCurrentContext();
  if (!ctx) redirect("/sign-in");
  if (!ctx.membership || !ctx.principal) redirect("/onboarding");
  return { ...ctx, membership: ctx.membership, principal: ctx.principal };
}
