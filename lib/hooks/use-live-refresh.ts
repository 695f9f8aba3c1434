"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { whenLiveRefreshResumes } from "./live-pause";
import { useTaskEvents, type LiveTaskEvent } from "./use-task-events";

const DEBOUNCE_MS = 700;
const MAX_WAIT_MS = 3_000;

/**
 * Re-renders the current server page (router.refresh, debounced so a burst of 100 decisions is
 * one refresh) when tasks of `queue` (any visible queue when omitted) are created or decided.
 * Counts tasks created since the page was opened or `clearNew` was called, for an indicator.
 */
export function useLiveRefresh(queue?: string) {
  const router = useRouter();
  const [newCount, setNewCount] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const firstAt = useRef<number | null>(null);
  const waiting = useRef(false);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const schedule = useCallback(() => {
    const now = Date.now();
    firstAt.current ??= now;
    if (timer.current) clearTimeout(timer.current);
    const wait = Math.max(0, Math.min(DEBOUNCE_MS, firstAt.current + MAX_WAIT_MS - now));
    timer.current = setTimeout(() => {
      timer.current = null;
      firstAt.current = null;
      if (waiting.current) return; // one refresh when a pause ends, however many events came
      waiting.current = true;
      whenLiveRefreshResumes(() => {
        waiting.current = false;
        router.refresh();
      });
    }, wait);
  }, [router]);

  const connected = useTaskEvents((e: LiveTaskEvent) => {
    if (queue && !e.queues.includes(queue)) return;
    if (e.event === "created") setNewCount((n) => n + e.count);
    schedule();
  });

  return { connected, newCount, clearNew: useCallback(() => setNewCount(0), []) };
}
