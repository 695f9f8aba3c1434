import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requireTeamContext } from "@/lib/auth/current";
import { AppError } from "@/lib/errors";
import { getTaskOrThrow } from "@/lib/tasks/queries";

/** Other teams' tasks and hidden queues are a 404, like the API. Cached per request (layout, metadata, page). */
export const loadTask = cache(async (taskId: string) => {
  const { principal } = await requireTeamContext();
  try {
    return await getTaskOrThrow({ principal, taskId });
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  }
});
