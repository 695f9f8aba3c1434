import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requireTeamContext } from "@/lib/auth/current";
import { queueSummaries } from "@/lib/tasks/queue-stats";

/** The queue's summary; unknown, or a queue this member may not see: the same 404. Cached per request. */
export const loadQueue = cache(async (name: string) => {
  const { principal } = await requireTeamContext();
  const queue = (await queueSummaries(principal)).find((q) => q.name === name);
  if (!queue) notFound();
  return queue;
});
