import type { Metadata } from "next";
import { SettingsSection } from "@/components/settings/section";
import { WebhookSecretCard } from "@/components/settings/webhook-secret-card";
import { requireTeamContext } from "@/lib/auth/current";
import { can } from "@/lib/access/principal";
import { formatRelative } from "@/lib/format";
import { getWebhookSecretInfo } from "@/lib/webhooks/secrets";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const { principal } = await requireTeamContext();
  const description = (
    <>
      Standalone tasks created with a <code className="font-mono text-xs">callbackUrl</code> are delivered there when they leave pending,
      signed with this team&apos;s secret:{" "}
      <code className="font-mono text-xs">x-acl-signature: t=…,v1=HMAC-SHA256(secret, &quot;t.body&quot;)</code>.
    </>
  );
  if (!can(principal, "webhooks.secret")) {
    return (
      <SettingsSection title="Webhooks" description={description}>
        <div className="rounded-xl border border-dashed px-6 py-10 text-center text-sm text-muted-foreground">
          Only owners can see and rotate the webhook signing secret.
        </div>
      </SettingsSection>
    );
  }
  const info = await getWebhookSecretInfo(principal.teamId);
  const since = info ? formatRelative(info.rotatedAt ?? info.createdAt) : null;
  return (
    <SettingsSection title="Webhooks" description={description}>
      <WebhookSecretCard since={since} rotated={Boolean(info?.rotatedAt)} />
    </SettingsSection>
  );
}
