import "server-only";
import { getDb } from "@/db/client";
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
