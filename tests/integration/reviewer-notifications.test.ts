import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { mailMessages } from "@/db/schema";
import { startRun } from "@/lib/engine/runs";
import { env } from "@/lib/env";
import { startWorker, type WorkerHandle } from "@/lib/engine/worker";
import { addMember, setNotifyEmail } from "@/lib/teams";
import { createTestTeam, TEST_ACTOR, uniqueEmail } from "../helpers";
import { runDriver } from "../support/runs";

/**
 * Reviewers are emailed when tasks land in a queue they may work: one message per member and
 * batch (100 drafts → one notice listing every task with its link), never to members who turned
 * notifications off, to viewers, or to reviewers limited to other queues.
 */
let worker: WorkerHandle;
beforeAll(async () => {
  worker = await startWorker({ concurrency: 2 });
});
afterAll(async () => {
  await worker?.stop();
});

async function notices(teamId: string) {
  const rows = await getDb()
    .select({ to: mailMessages.to, subject: mailMessages.subject, text: mailMessages.text })
    .from(mailMessages)
    .where(and(eq(mailMessages.teamId, teamId), like(mailMessages.dedupeKey, "notify:%")));
  return rows.sort((a, b) => a.to.localeCompare(b.to) || a.subject.localeCompare(b.subject));
}

describe("reviewer notifications", () => {
  it("one email per member and batch, only to members who may work the queue and want email", async () => {
    const team = await createTestTeam();
    const driver = runDriver(() => team);
    const member = async (role: "admin" | "reviewer" | "viewer", queues?: string[]) => {
      const email = uniqueEmail(role);
      const { user } = await getDb().transaction((tx) => addMember({ teamId: team.team.id, email, role, queues, actor: TEST_ACTOR }, tx));
      return { id: user.id, email: email.toLowerCase() };
    };
    const outreachReviewer = await member("reviewer", ["outreach"]);
    const supportReviewer = await member("reviewer", ["support"]);
    const quietAdmin = await member("admin");
    await member("viewer");
    await setNotifyEmail({ teamId: team.team.id, userId: quietAdmin.id, notifyEmail: false, actor: TEST_ACTOR });
    const owner = team.owner.email.toLowerCase();

    const leads = Array.from({ length: 12 }, (_, i) => ({ name: `L${i}`, email: `l${i}@example.test`, company: "Co" }));
    const outreach = await startRun({
      teamId: team.team.id,
      workflow: "email-outreach",
      input: { leads },
      actor: driver.principal().actor,
    });
    expect((await driver.settle(outreach.id)).status).toBe("waiting");
    expect(await driver.pending(outreach.id)).toHaveLength(12);

    const refund = await startRun({
      teamId: team.team.id,
      workflow: "refund",
      input: { orderId: "n-1", amount: 120, currency: "USD", reason: "late", customerEmail: "c@example.test" },
      actor: driver.principal().actor,
    });
    expect((await driver.settle(refund.id)).status).toBe("waiting");
    const [refundTask] = await driver.pending(refund.id);

    const appUrl = env().APP_URL;
    const batch = `12 new tasks in outreach`;
    const single = `Review needed: ${refundTask!.title}`;
    const all = await notices(team.team.id);
    const list = all.find((m) => m.subject === batch)!.text;
    for (const t of await driver.pending(outreach.id)) expect(list).toContain(`${appUrl}/tasks/${t.id}`);
    expect(all).toEqual(
      [
        { to: owner, subject: batch },
        { to: owner, subject: single },
        { to: outreachReviewer.email, subject: batch },
        { to: supportReviewer.email, subject: single },
      ]
        .map((m) => ({
          ...m,
          text: expect.stringContaining(
            m.subject === batch ? `outreach ${appUrl}/queues/outreach (12)` : `Open the task ${appUrl}/tasks/${refundTask!.id}`,
          ) as unknown as string,
        }))
        .sort((a, b) => a.to.localeCompare(b.to) || a.subject.localeCompare(b.subject)),
    );
  });
});
