"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { userAction } from "@/lib/auth/action";
import { setTeamCookie } from "@/lib/auth/team-cookie";
import { createTeam, slugSchema } from "@/lib/teams";

const schema = z.object({
  name: z.string().trim().min(1, "Give the team a name.").max(80, "Keep the name under 80 characters."),
  slug: slugSchema,
});

/** Creates a team with the signed-in user as its owner and makes it the current team. */
export const createTeamAction = userAction(schema, async ({ name, slug }, { user }) => {
  const { team } = await createTeam({ slug, name, ownerEmail: user.email, actor: { type: "user", id: user.id } });
  await setTeamCookie(team.slug);
  return { slug: team.slug, name: team.name };
});

export type CreateTeamState = { error?: string; name?: string; slug?: string };

/** The form's action (works before hydration too): on success, on to the new team's queues. */
export async function createTeamFormAction(_prev: CreateTeamState, formData: FormData): Promise<CreateTeamState> {
  const name = String(formData.get("name") ?? "");
  const slug = String(formData.get("slug") ?? "")
    .trim()
    .toLowerCase();
  const result = await createTeamAction({ name, slug });
  if (!result.ok) return { error: result.error.message, name, slug };
  redirect("/");
}
