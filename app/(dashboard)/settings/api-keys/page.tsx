import type { Metadata } from "next";
import { ApiKeysTable } from "@/components/settings/api-keys-table";
import { CreateKeyDialog } from "@/components/settings/create-key-dialog";
import { NoAccess, SettingsSection } from "@/components/settings/section";
import { requireTeamContext } from "@/lib/auth/current";
import { can } from "@/lib/access/principal";
import { formatRelative } from "@/lib/format";
import { listApiKeys } from "@/lib/teams";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const { principal } = await requireTeamContext();
  if (!can(principal, "apikeys.manage")) return <NoAccess what="API keys" />;
  const keys = await listApiKeys(principal.teamId);
  const rows = keys
    .map((k) => ({
      id: k.id,
      name: k.name,
      prefix: k.prefix,
      scopes: k.scopes,
      queues: k.queues,
      created: formatRelative(k.createdAt),
      lastUsed: k.lastUsedAt ? formatRelative(k.lastUsedAt) : null,
      revoked: k.revokedAt ? formatRelative(k.revokedAt) : null,
    }))
    // Active keys first, newest first within each group.
    .sort((a, b) => Number(Boolean(a.revoked)) - Number(Boolean(b.revoked)) || b.id.localeCompare(a.id));

  return (
    <SettingsSection
      title="API keys"
      description="Agents authenticate with a team key. A key sees only this team's runs and tasks, does what its scopes allow, and never decides a task it asked for."
      action={<CreateKeyDialog canGrantDecide={principal.role === "owner"} />}
    >
      <ApiKeysTable rows={rows} />
    </SettingsSection>
  );
}
