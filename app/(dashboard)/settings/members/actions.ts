"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { teamAction } from "@/lib/auth/action";
import { appOrigin } from "@/lib/auth/origin";
import { queueNameSchema } from "@/lib/queues";
import { changeMemberRole, createInvitation, emailSchema, removeMember, revokeInvitation, roleSchema } from "@/lib/teams";

const PATH = "/settings/members";
const queuesSchema = z.array(queueNameSchema).max(100).nullable().optional();

export const inviteMemberAction = teamAction(
  "members.manage",
  z.object({ email: emailSchema, role: roleSchema, queues: queuesSchema }),
  async (input, { teamId, actor, principal }) => {
    const signInUrl = `${await appOrigin()}/sign-in`;
    const invitation = await createInvitation({
      ...input,
      teamId,
      actor: { type: "user", id: actor.id },
      actorRole: principal.role,
      signInUrl,
    });
    revalidatePath(PATH);
    return invitation;
  },
);

export const revokeInvitationAction = teamAction(
  "members.manage",
  z.object({ invitationId: z.string().min(1) }),
  async ({ invitationId }, { teamId, actor }) => {
    const result = await revokeInvitation({ teamId, invitationId, actor });
    revalidatePath(PATH);
    return result;
  },
);

export const changeMemberRoleAction = teamAction(
  "members.manage",
  z.object({ membershipId: z.string().min(1), role: roleSchema, queues: queuesSchema }),
  async (input, { teamId, actor }) => {
    const result = await changeMemberRole({ ...input, teamId, actor });
    revalidatePath(PATH);
    return result;
  },
);

export const removeMemberAction = teamAction(
  "members.manage",
  z.object({ membershipId: z.string().min(1) }),
  async ({ membershipId }, { teamId, actor, membership }) => {
    const result = await removeMember({ teamId, membershipId, actor });
    revalidatePath(PATH);
    return { ...result, self: membershipId === membership.membershipId };
  },
);
