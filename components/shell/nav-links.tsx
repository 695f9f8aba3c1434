"use client";

import Link, { useLinkStatus } from "next/link";
import { usePathname } from "next/navigation";
import {
  BarChart3Icon,
  InboxIcon,
  LoaderCircleIcon,
  MessageSquareDiffIcon,
  MessagesSquareIcon,
  PlayIcon,
  ScrollTextIcon,
  SettingsIcon,
  WorkflowIcon,
} from "lucide-react";
import { cn } from "@/lib/utils";

export const NAV_ITEMS = [
  { href: "/", label: "Queues", icon: InboxIcon },
  { href: "/questions", label: "Questions", icon: MessagesSquareIcon },
  { href: "/runs", label: "Runs", icon: PlayIcon },
  { href: "/audit", label: "Audit", icon: ScrollTextIcon },
  { href: "/workflows", label: "Workflows", icon: WorkflowIcon },
  { href: "/feedback", label: "Feedback", icon: MessageSquareDiffIcon },
  { href: "/analytics", label: "Analytics", icon: BarChart3Icon },
  { href: "/settings", label: "Settings", icon: SettingsIcon },
] as const;

function isActive(pathname: string, href: string) {
  if (href === "/") return pathname === "/" || pathname.startsWith("/queues") || pathname.startsWith("/tasks");
  return pathname === href || pathname.startsWith(`${href}/`);
}

/**
 * Dashboard pages render before they stream (so an unknown id is a real 404): a spinner on the
 * clicked link shows that the next page is on its way. Decorative; the page's title announces it.
 */
function PendingHint() {
  const { pending } = useLinkStatus();
  return pending ? <LoaderCircleIcon aria-hidden className="ml-auto size-3.5 animate-spin motion-reduce:animate-none" /> : null;
}

export function NavLinks({ onNavigate }: { onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="grid gap-0.5">
      {NAV_ITEMS.map(({ href, label, icon: Icon }) => {
        const active = isActive(pathname, href);
        return (
          <Link
            key={href}
            href={href}
            onClick={onNavigate}
            aria-current={active ? "page" : undefined}
            className={cn(
              "flex h-8 items-center gap-2.5 rounded-md px-2 text-sm font-medium text-muted-foreground transition-colors outline-none",
              "hover:bg-accent hover:text-accent-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50",
              active && "bg-accent text-accent-foreground",
            )}
          >
            <Icon className="size-4 shrink-0" aria-hidden />
            {label}
            <PendingHint />
          </Link>
        );
      })}
    </nav>
  );
}
