import { loadQueue } from "./load-queue";

/**
 * Looks the queue up before anything streams: this layout sits outside the segment's loading.tsx
 * (a Suspense boundary), so an unknown queue is a real HTTP 404, not a not-found page sent with 200.
 */
export default async function QueueLayout({ children, params }: { children: React.ReactNode; params: Promise<{ name: string }> }) {
  await loadQueue(decodeURIComponent((await params).name));
  return children;
}
