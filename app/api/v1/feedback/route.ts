import { parseWith, searchParamsObject } from "@/lib/api/body";
import { apiRoute } from "@/lib/api/handler";
import { queueVisibility } from "@/lib/access/visibility";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";
import { listFeedbackQuery, toFeedbackLine } from "@/lib/contract";
import { listFeedback } from "@/lib/feedback";

export const GET = apiRoute({ permission: "feedback.read" }, async ({ principal, url, requestId }) => {
  const { format, ...q } = parseWith(listFeedbackQuery, searchParamsObject(url), "query");
  const visible = (await queueVisibility(principal)).feedbackFilter();
  if (format === "json") return { body: await listFeedback({ teamId: principal.teamId, ...q, visible }) };

  // JSONL: every edit, one object per line, streamed page by page (a fine-tuning export).
  const encoder = new TextEncoder();
  const stream = new ReadableStream({
    async start(controller) {
      let cursor: string | undefined = q.cursor;
      do {
        const page = await listFeedback({ teamId: principal.teamId, workflow: q.workflow, cursor, limit: 200, visible });
        for (const item of page.items) controller.enqueue(encoder.encode(JSON.stringify(toFeedbackLine(item)) + "\n"));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      controller.close();
    },
  });
  return new Response(stream, {
    headers: { "content-type": "application/x-ndjson; charset=utf-8", "x-request-id": requestId },
  });
});

const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
