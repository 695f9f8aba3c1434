import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { feedback } from "@/db/schema";
import { enqueueMail } from "@/lib/mail";

/**
 * Helpers of the built-in workflows. New side effects go through `once()` (lib/effects); the
 * outreach email keeps its outbox key until email-outreach moves onto that seam.
 */

export async function sendEmailOnce(params: { teamId: string; key: string; to: string; subject: string; body: string }) {
  return enqueueMail(getDb(), {
    teamId: params.teamId,
    to: params.to,
    subject: params.subject,
    text: params.body,
    dedupeKey: params.key,
    outbound: true,
  });
}

/** The team's latest human edits for a workflow: the few-shot examples of the feedback sink. */
export async function latestEditedExamples(params: { teamId: string; workflow: string; limit: number }) {
  const rows = await getDb()
    .select({ edited: feedback.edited })
    .from(feedback)
    .where(and(eq(feedback.teamId, params.teamId), eq(feedback.workflow, params.workflow)))
    .orderBy(desc(feedback.id))
    .limit(params.limit);
  return rows.map((r) => r.edited);
}
