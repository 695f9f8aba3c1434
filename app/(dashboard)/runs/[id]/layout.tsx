import { loadRun } from "./load-run";

/**
 * Looks the run up before anything streams: this layout sits outside the segment's loading.tsx
 * (a Suspense boundary), so an unknown id is a real HTTP 404, not a not-found page sent with 200.
 */
export default async function RunLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  await loadRun((await params).id);
  return children;
}
