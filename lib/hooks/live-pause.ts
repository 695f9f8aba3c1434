"use client";

/**
 * While a bulk decision is in flight its own task events would refresh the page dozens of
 * times; live refreshes wait until every pause is released (then refresh once).
 */
let pauses = 0;
const waiting = new Set<() => void>();

export function pauseLiveRefresh(): () => void {
  pauses += 1;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    pauses -= 1;
    if (pauses === 0) for (const fn of [...waiting]) fn();
  };
}

export function isLiveRefreshPaused() {
  return pauses > 0;
}

/** Runs `fn` once live refreshes are no longer paused (now, if they are not). */
export function whenLiveRefreshResumes(fn: () => void): () => void {
  if (pauses === 0) {
    fn();
    return () => {};
  }
  const once = () => {
    waiting.delete(once);
    fn();
  };
  waiting.add(once);
  return () => waiting.delete(once);
}
