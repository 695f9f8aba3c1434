"use client";

import { ThemeToggle } from "@/components/theme-toggle";
import { NavLinks } from "./nav-links";
import { TeamSwitcher, type TeamOption } from "./team-switcher";
import { UserMenu } from "./user-menu";

export interface ShellProps {
  teams: TeamOption[];
  current: TeamOption;
  user: { email: string; name: string | null };
}

/** The sidebar's body, shared by the desktop sidebar and the phone sheet. */
export function SidebarContent({ teams, current, user, onNavigate }: ShellProps & { onNavigate?: () => void }) {
  return (
    <div className="flex h-full flex-col gap-4 p-3">
      <TeamSwitcher teams={teams} current={current} />
      <NavLinks onNavigate={onNavigate} />
      <div className="mt-auto flex items-center gap-1 border-t pt-3">
        <div className="min-w-0 flex-1">
          <UserMenu user={user} />
        </div>
        <ThemeToggle />
      </div>
    </div>
  );
}
