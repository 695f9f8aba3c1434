import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { feedback, refunds } from "@/db/schema";
import { newId } from "@/lib/ids";
import { enqueueMail } from "@/lib/mail";

/**
 * Side effects of the built-in workflows. Each takes a key derived from the run and the
 * step, so a node that LangGraph re-executes (on resume, or after a crash) does not repeat it.
 */

export async function sendEmailOnce(params: { teamId: string; key: string; to: string; subject: string; body: string }) {
  return enqueueMail(getDb(), {
    teamId: params.teamId,
    to: params.to,
    subject: params.subject,
    text: params.body,
    dedupeKey: params.key,
  });
}

export async function refundOnce(params: {
  teamId: string;
  runId: string;
  key: string;
  orderId: string;
  amount: number;
  currency: string;
}) {
  await getDb()
    .insert(refunds)
    .values({
      id: newId("rfd"),
      teamId: params.teamId,
      runId: params.runId,
      orderId: params.orderId,
      amount: params.amount,
      currency: params.currency,
      dedupeKey: params.key,
    })
    .onConflictDoNothing({ target: refunds.dedupeKey });
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
