import { queueVisibility } from "@/lib/access/visibility";
import type { Metadata } from "next";
import { InvitationsList } from "@/components/settings/invitations-list";
import { InviteDialog } from "@/components/settings/invite-dialog";
import { MembersTable } from "@/components/settings/members-table";
import { SettingsSection } from "@/components/settings/section";
import { requireTeamContext } from "@/lib/auth/current";
import { can } from "@/lib/access/principal";
import { formatRelative } from "@/lib/format";
import { listQueues } from "@/lib/queues";
import { listMembers, listPendingInvitations } from "@/lib/teams";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage() {
  const { principal, user } = await requireTeamContext();
  const canManage = can(principal, "members.manage");
  const [members, invitations, queues] = await Promise.all([
    listMembers(principal.teamId),
    canManage ? listPendingInvitations(principal.teamId) : Promise.resolve([]),
    listQueues(principal.teamId),
  ]);
  const visibility = await queueVisibility(principal);
  const queueNames = queues.map((q) => q.name).filter((name) => visibility.canSee(name));

  return (
    <div className="grid gap-10">
      <SettingsSection
        title="Members"
        description={
          canManage
            ? "Roles decide what each person may do; queue access narrows which queues they work."
            : "People on this team. Owners and admins manage roles."
        }
        action={canManage && <InviteDialog queues={queueNames} allowOwner={principal.role === "owner"} />}
      >
        <MembersTable
          canManage={canManage}
          actorIsOwner={principal.role === "owner"}
          queues={queueNames}
          rows={members.map((m) => ({
            id: m.id,
            email: m.email,
            name: m.name,
            role: m.role,
            queues: m.queues,
            joined: formatRelative(m.createdAt),
            isSelf: m.userId === user.id,
          }))}
        />
      </SettingsSection>
      {canManage && (
        <SettingsSection title="Pending invitations" description="Invitations lapse after 14 days if nobody signs in with the address.">
          <InvitationsList
            rows={invitations.map((i) => ({
              id: i.id,
              email: i.email,
              role: i.role,
              queues: i.queues,
              sent: formatRelative(i.createdAt),
              invitedBy: i.invitedBy,
            }))}
          />
        </SettingsSection>
      )}
    </div>
  );
}
