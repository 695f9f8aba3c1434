import type { Metadata } from "next";
import { QueuesSettings } from "@/components/settings/queues-table";
import { requireTeamContext } from "@/lib/auth/current";
import { can } from "@/lib/access/principal";
import { listQueues } from "@/lib/queues";
import { queueVisibility } from "@/lib/access/visibility";
import { listQueueDeadlineDefaults } from "@/lib/queues/deadline-defaults";

export const metadata: Metadata = { title: "Queues" };

export default async function QueuesPage() {
  const { principal } = await requireTeamContext();
  const [all, visibility] = await Promise.all([listQueues(principal.teamId), queueVisibility(principal)]);
  const queues = all.filter((q) => visibility.canSee(q.name));
  const defaults = await listQueueDeadlineDefaults(
    principal.teamId,
    queues.map((q) => q.name),
  );
  return (
    <QueuesSettings
      canManage={can(principal, "queues.manage")}
      queues={queues.map((q) => {
        const d = defaults.get(q.name);
        return {
          name: q.name,
          description: q.description,
          roles: q.roles,
          deadlines: {
            dueInSeconds: d?.defaultDueInSeconds ?? null,
            remindBeforeSeconds: d?.defaultRemindBeforeSeconds ?? null,
            onTimeout: d?.defaultOnTimeout ?? null,
            escalateTo: d?.defaultEscalateTo ?? null,
          },
        };
      })}
    />
  );
}
