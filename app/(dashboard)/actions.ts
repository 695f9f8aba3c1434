"use server";

import { z } from "zod";
import { signOut } from "@/auth";
import { userAction } from "@/lib/auth/action";
import { setTeamCookie } from "@/lib/auth/team-cookie";
import { AppError } from "@/lib/errors";
import { listMembershipsForUser } from "@/lib/teams/members";

/** Makes another of the user's teams the current one (remembered in the acl_team cookie). */
export const switchTeam = userAction(z.object({ slug: z.string().min(1).max(64) }), async ({ slug }, { user }) => {
  const teams = await listMembershipsForUser(user.id);
  const team = teams.find((t) => t.slug === slug);
  if (!team) throw new AppError("not_found", "You are not a member of that team.");
  await setTeamCookie(team.slug);
  return { slug: team.slug, name: team.name };
});

/** Deletes this browser's session row and returns to sign-in. */
export async function signOutAction() {
  await signOut({ redirectTo: "/sign-in" });
}
