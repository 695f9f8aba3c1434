import { parseWith, searchParamsObject } from "@/lib/api/body";
import { apiRoute } from "@/lib/api/handler";
import { queueVisibility } from "@/lib/access/visibility";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";
import { listFeedbackQuery } from "@/lib/contract";
import { listFeedback } from "@/lib/feedback";
import { feedbackExportStream } from "@/lib/feedback/export";

export const GET = apiRoute({ permission: "feedback.read" }, async ({ principal, url, requestId }) => {
  const { format, limit, ...q } = parseWith(listFeedbackQuery, searchParamsObject(url), "query");
  const visible = (await queueVisibility(principal)).feedbackFilter();
  if (format === "json") return { body: await listFeedback({ teamId: principal.teamId, limit, ...q, visible }) };

  // JSONL: every edit after the cursor, one object per line, read page by page as the client reads (a training-set export).
  return new Response(feedbackExportStream({ teamId: principal.teamId, format: "jsonl", ...q, visible }), {
    headers: { "content-type": "application/x-ndjson; charset=utf-8", "x-request-id": requestId },
  });
});

const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
