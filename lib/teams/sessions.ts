import "server-only";
import { eq } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { memberships } from "@/db/schema";
import { recordAudit } from "@/lib/audit";

/**
 * Sign-in and sign-out are audited in every team the user belongs to (the audit log is per
 * team), in one transaction, so that each team's chain shows who entered and left its dashboard.
 */
export async function auditSession(
  params: { userId: string; action: "user.signed_in" | "user.signed_out"; provider?: string },
  db: DbOrTx = getDb(),
) {
  return db.transaction(async (tx) => {
    const teams = await tx
      .select({ teamId: memberships.teamId })
      .from(memberships)
      .where(eq(memberships.userId, params.userId))
      .orderBy(memberships.teamId);
    for (const { teamId } of teams) {
      await recordAudit(tx, {
        teamId,
        actor: { type: "user", id: params.userId },
        action: params.action,
        subjectType: "user",
        subjectId: params.userId,
        data: params.provider ? { provider: params.provider } : {},
      });
    }
    return { teams: teams.length };
  });
}
