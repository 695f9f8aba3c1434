import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requireTeamContext } from "@/lib/auth/current";
import { visibleRuns } from "@/lib/access/visibility";
import { getRunOrThrow } from "@/lib/engine/runs";
import { AppError } from "@/lib/errors";

/** Another team's run is a 404, like the API. Cached per request (layout and page). */
export const loadRun = cache(async (runId: string) => {
  const { principal } = await requireTeamContext();
  return getRunOrThrow({ teamId: principal.teamId, runId, visible: await visibleRuns(principal) }).catch((err) => {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  });
});
