import Link from "next/link";
import { Logo } from "@/components/logo";
import { MobileNav } from "./mobile-nav";
import { SidebarContent, type ShellProps } from "./sidebar-content";

export function AppShell({ children, ...props }: ShellProps & { children: React.ReactNode }) {
  return (
    <div className="flex min-h-dvh">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-background px-3 py-2 text-sm focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:ring-[3px] focus:ring-ring/50"
      >
        Skip to content
      </a>
      {/* The aside stretches to the page's full height (border and background); its content stays in view. */}
      <aside className="hidden w-60 shrink-0 border-r bg-muted/30 md:block">
        <div className="sticky top-0 h-dvh">
          <SidebarContent {...props} />
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-30 flex h-14 items-center gap-2 border-b bg-background/95 px-3 backdrop-blur md:hidden">
          <MobileNav {...props} />
          <Link href="/" className="rounded-md outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50">
            <Logo />
          </Link>
          <span className="ml-auto max-w-[40%] truncate text-sm text-muted-foreground">{props.current.name}</span>
        </header>
        <main id="main" tabIndex={-1} className="flex-1 outline-none">
          {children}
        </main>
      </div>
    </div>
  );
}
