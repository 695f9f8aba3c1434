/** Latency samples in ms → p50/p95/p99 (nearest rank), rounded to 0.1 ms. */
export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
}

export function summarize(samples: number[]): Summary {
  const xs = [...samples].sort((a, b) => a - b);
  const at = (p: number) => (xs.length === 0 ? NaN : xs[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!);
  const r = (x: number) => Math.round(x * 10) / 10;
  return { n: xs.length, p50: r(at(50)), p95: r(at(95)), p99: r(at(99)) };
}

export const since = (t0: number) => performance.now() - t0;

/** Runs `fn` over `items` with at most `limit` in flight; resolves with the wall time in ms. */
export async function pool<T>(items: T[], limit: number, fn: (item: T, i: number) => Promise<void>): Promise<number> {
  const t0 = performance.now();
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i]!, i);
    }
  });
  await Promise.all(lanes);
  return since(t0);
}

export const perSecond = (count: number, wallMs: number) => Math.round((count / wallMs) * 1000 * 10) / 10;
