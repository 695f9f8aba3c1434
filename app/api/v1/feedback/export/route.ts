import { parseWith, searchParamsObject } from "@/lib/api/body";
import { apiRoute } from "@/lib/api/handler";
import { queueVisibility } from "@/lib/access/visibility";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";
import { exportFeedbackQuery } from "@/lib/contract";
import { feedbackExportStream } from "@/lib/feedback/export";

/** Training data from the feedback sink: OpenAI chat fine-tuning JSONL or prompt/completion pairs, streamed. */
export const GET = apiRoute({ permission: "feedback.read" }, async ({ principal, url, requestId }) => {
  const q = parseWith(exportFeedbackQuery, searchParamsObject(url), "query");
  const visible = (await queueVisibility(principal)).feedbackFilter();
  const stream = feedbackExportStream({ teamId: principal.teamId, ...q, visible });
  const name = `feedback${q.workflow ? `-${q.workflow}` : ""}-${q.format}.jsonl`.replace(/[^A-Za-z0-9._-]/g, "_");
  return new Response(stream, {
    headers: {
      "content-type": "application/x-ndjson; charset=utf-8",
      "content-disposition": `attachment; filename="${name}"`,
      "x-request-id": requestId,
    },
  });
});

const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
