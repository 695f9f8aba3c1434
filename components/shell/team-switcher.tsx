"use client";

import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { CheckIcon, ChevronsUpDownIcon, PlusIcon } from "lucide-react";
import { switchTeam } from "@/app/(dashboard)/actions";
import { useServerAction } from "@/components/use-server-action";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { cn } from "@/lib/utils";

export interface TeamOption {
  slug: string;
  name: string;
  role: string;
}

function TeamAvatar({ name, className }: { name: string; className?: string }) {
  return (
    <span
      aria-hidden
      className={cn(
        "grid size-6 shrink-0 place-items-center rounded-md bg-primary text-xs font-semibold text-primary-foreground",
        className,
      )}
    >
      {name.slice(0, 1).toUpperCase()}
    </span>
  );
}

export function TeamSwitcher({ teams, current }: { teams: TeamOption[]; current: TeamOption }) {
  const router = useRouter();
  const pathname = usePathname();
  const { pending, run } = useServerAction();

  const choose = (slug: string) => {
    if (slug === current.slug) return;
    // Stay in the same section; a detail page of the old team would be a 404 in the new one.
    const section = pathname.split("/")[1] ?? "";
    void run(() => switchTeam({ slug }), {
      success: (team) => `Switched to ${team.name}`,
      onSuccess: () => {
        router.push(`/${section}`);
        router.refresh();
      },
    });
  };

  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        disabled={pending}
        className="flex h-10 w-full items-center gap-2 rounded-md px-2 text-left text-sm outline-none hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/50 data-[state=open]:bg-accent"
      >
        <TeamAvatar name={current.name} />
        {/* The name comes from the visible text (WCAG 2.5.3 Label in Name), framed by hidden words. */}
        <span className="grid min-w-0 flex-1 leading-tight">
          <span className="truncate font-medium">
            <span className="sr-only">Current team: </span>
            {current.name}
          </span>
          <span className="truncate text-xs text-muted-foreground capitalize">
            <span className="sr-only">, your role: </span>
            {current.role}
            <span className="sr-only">. Switch team</span>
          </span>
        </span>
        <ChevronsUpDownIcon className="size-4 text-muted-foreground" aria-hidden />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-60">
        <DropdownMenuLabel className="text-xs text-muted-foreground">Teams</DropdownMenuLabel>
        {teams.map((team) => (
          <DropdownMenuItem key={team.slug} onSelect={() => choose(team.slug)} className="gap-2">
            <TeamAvatar name={team.name} className="size-5 text-[0.65rem]" />
            <span className="flex-1 truncate">{team.name}</span>
            {team.slug === current.slug && <CheckIcon className="size-4" aria-label="Current team" />}
          </DropdownMenuItem>
        ))}
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/onboarding?new=1">
            <PlusIcon />
            Create team
          </Link>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
