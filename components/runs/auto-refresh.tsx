"use client";

import { useEffect, useState, useTransition } from "react";
import { useRouter } from "next/navigation";

/**
 * Re-renders the page's server components about every `intervalMs` while `active` (e.g. while a
 * run is queued or running), so its new status shows up without a reload. The next refresh is
 * scheduled only after the previous one finished: a slow render is never aborted by the next
 * tick. Hidden tabs skip refreshes until they are visible again.
 */
export function AutoRefresh({ active, intervalMs = 1500 }: { active: boolean; intervalMs?: number }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!active || pending) return;
    const timer = setTimeout(() => {
      if (document.visibilityState === "visible") startTransition(() => router.refresh());
      else setTick((n) => n + 1);
    }, intervalMs);
    return () => clearTimeout(timer);
  }, [active, pending, tick, intervalMs, router]);
  return null;
}
