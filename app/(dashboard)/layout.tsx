import { AppShell } from "@/components/shell/app-shell";
import { requireTeamContext } from "@/lib/auth/current";

/** Every dashboard page: signed in (else /sign-in) and in a team (else /onboarding). */
export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const { user, memberships, membership } = await requireTeamContext();
  const teams = memberships.map((m) => ({ slug: m.slug, name: m.name, role: m.role }));
  const current = { slug: membership.slug, name: membership.name, role: membership.role };
  return (
    <AppShell teams={teams} current={current} user={{ email: user.email, name: user.name }}>
      {children}
    </AppShell>
  );
}
