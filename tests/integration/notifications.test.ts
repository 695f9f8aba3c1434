import http from "node:http";
import type net from "node:net";
import { and, eq, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, mailMessages, memberships, tasks } from "@/db/schema";
import type { Principal } from "@/lib/access/principal";
import { startWorker, type WorkerHandle } from "@/lib/engine/worker";
import { env, resetEnvCache } from "@/lib/env";
import { assignTask } from "@/lib/tasks/assign";
import { createStandaloneTask } from "@/lib/tasks/create";
import { notifyDeadlineApproaching, notifyEscalated, sendDigest } from "@/lib/tasks/notify";
import { addMember, setNotificationPreferences, setNotifyEmail } from "@/lib/teams";
import { agentPrincipal, createTestTeam, TEST_ACTOR, uniqueEmail, type TestTeam } from "../helpers";

/**
 * Notification emails end to end through the outbox and a real worker: rendered HTML + text,
 * transactional (nothing for a rollback), digests grouped by queue and limited to what the member
 * may work, assignment / deadline / escalation notices, the hourly cap, and a Resend outage
 * retried with backoff and delivered once.
 */
let worker: WorkerHandle;
const savedKey = process.env.RESEND_API_KEY;
beforeAll(async () => {
  delete process.env.RESEND_API_KEY; // the development mailbox, except in the Resend block
  resetEnvCache();
  worker = await startWorker({ concurrency: 2 });
});
afterAll(async () => {
  await worker?.stop();
  if (savedKey !== undefined) process.env.RESEND_API_KEY = savedKey;
  resetEnvCache();
});

async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function newTask(team: TestTeam, queue: string, title: string) {
  return createStandaloneTask({ principal: agentPrincipal(team), input: { kind: "approval", queue, title, payload: { n: 1 } } as never });
}

async function member(team: TestTeam, role: "admin" | "reviewer" | "viewer", queues?: string[]) {
  const email = uniqueEmail(role).toLowerCase();
  const { user, membership } = await getDb().transaction((tx) =>
    addMember({ teamId: team.team.id, email, role, queues, actor: TEST_ACTOR }, tx),
  );
  return { id: user.id, email, membershipId: membership.id };
}

async function mailTo(to: string) {
  return getDb().select().from(mailMessages).where(eq(mailMessages.to, to)).orderBy(mailMessages.id);
}

async function quiet(team: TestTeam) {
  await setNotifyEmail({ teamId: team.team.id, userId: team.owner.id, notifyEmail: false, actor: TEST_ACTOR });
}

describe("new-task emails", () => {
  it("one HTML + text email per new task in the development mailbox, escaped and linking to the task; none for a rollback", async () => {
    const team = await createTestTeam();
    const owner = team.owner.email.toLowerCase();
    const title = `Refund <b>120 USD</b> & "more" ${Date.now()}`;
    const task = await newTask(team, "support", title);

    const [sent] = await until("the notice to be delivered", async () => {
      const rows = await mailTo(owner);
      return rows.length > 0 && rows.every((r) => r.status === "sent") ? rows : null;
    });
    const link = `${env().APP_URL}/tasks/${task.id}`;
    expect(sent).toMatchObject({ subject: `Review needed: ${title}`, transport: "development", notification: true, attempts: 1 });
    expect(sent!.html).toContain(`href="${link}"`);
    expect(sent!.html).toContain("Refund &lt;b&gt;120 USD&lt;/b&gt; &amp; &quot;more&quot;");
    expect(sent!.html).not.toContain("<b>120 USD</b>");
    expect(sent!.text).toContain(title);
    expect(sent!.text).toContain(link);
    expect(sent!.text).not.toMatch(/<(p|a|table|td|div)\b/); // plain text, not markup

    const rolledBack = `Never created ${Date.now()}`;
    await expect(
      createStandaloneTask({
        principal: agentPrincipal(team),
        input: { kind: "approval", queue: "support", title: rolledBack, payload: {} } as never,
        inTransaction: async () => {
          throw new Error("rollback");
        },
      }),
    ).rejects.toThrow("rollback");
    await newTask(team, "support", "after the rollback"); // the queue keeps working
    await until("the next notice", async () => (await mailTo(owner)).length === 2);
    const subjects = (await mailTo(owner)).map((m) => m.subject);
    expect(subjects).toEqual([`Review needed: ${title}`, "Review needed: after the rollback"]);
  });
});

describe("digests", () => {
  it("one email per interval grouping the member's pending tasks by queue, only queues they may work; nothing when empty", async () => {
    const team = await createTestTeam();
    await quiet(team);
    const reviewer = await member(team, "reviewer", ["billing", "support"]);
    await setNotificationPreferences({
      teamId: team.team.id,
      userId: reviewer.id,
      preferences: { mode: "digest", digestMinutes: 15 },
      actor: TEST_ACTOR,
    });

    const before = Date.now();
    const s1 = await newTask(team, "support", "Support one");
    const s2 = await newTask(team, "support", "Support two");
    const b1 = await newTask(team, "billing", "Billing one");
    await newTask(team, "legal", "Legal secret"); // a queue the reviewer may not work
    const gone = await newTask(team, "billing", "Billing cancelled");
    await getDb().update(tasks).set({ status: "cancelled" }).where(eq(tasks.id, gone.id));

    // One job per member, 15 minutes after the first task, not pushed back by the later ones.
    const jobKey = `digest:${reviewer.membershipId}`;
    const { rows: jobs } = await getDb().execute<{ run_at: Date }>(
      sql`select run_at from graphile_worker._private_jobs where key = ${jobKey}`,
    );
    expect(jobs).toHaveLength(1);
    const delay = new Date(jobs[0]!.run_at).getTime() - before;
    expect(delay).toBeGreaterThan(14 * 60_000);
    expect(delay).toBeLessThan(16 * 60_000);
    expect(await mailTo(reviewer.email)).toEqual([]);

    // Time passes: the job becomes due and the worker sends the digest.
    await getDb().execute(sql`update graphile_worker._private_jobs set run_at = now() where key = ${jobKey}`);
    const [digest] = await until("the digest", async () => {
      const rows = await mailTo(reviewer.email);
      return rows.length > 0 && rows[0]!.status === "sent" ? rows : null;
    });
    expect(digest!.subject).toBe("Digest: 3 new tasks in 2 queues");
    const text = digest!.text;
    for (const t of [s1, s2, b1]) expect(text).toContain(`${env().APP_URL}/tasks/${t.id}`);
    expect(text).not.toContain("Legal secret");
    expect(text).not.toContain("Billing cancelled");
    expect(text.indexOf("billing")).toBeLessThan(text.indexOf("support")); // grouped by queue, in order
    expect(text.indexOf("Support one")).toBeLessThan(text.indexOf("Support two"));
    expect(digest!.html).toContain(`href="${env().APP_URL}/queues/support"`);

    // Already reported: running the digest again sends nothing.
    await sendDigest(getDb(), reviewer.membershipId);
    expect(await mailTo(reviewer.email)).toHaveLength(1);

    // The next task starts the next interval.
    const later = await newTask(team, "support", "Support later");
    await sendDigest(getDb(), reviewer.membershipId);
    const second = (await mailTo(reviewer.email))[1];
    expect(second).toMatchObject({ subject: "Review needed: Support later" });
    expect(second!.text).toContain(`${env().APP_URL}/tasks/${later.id}`);
  });

  it("preferences are validated and audited with the values before and after", async () => {
    const team = await createTestTeam();
    await expect(
      setNotificationPreferences({
        teamId: team.team.id,
        userId: team.owner.id,
        preferences: { mode: "digest", digestMinutes: 7 },
        actor: TEST_ACTOR,
      }),
    ).rejects.toThrow(/digestMinutes must be one of 15, 60, 240, 1440/);
    await setNotificationPreferences({
      teamId: team.team.id,
      userId: team.owner.id,
      preferences: { mode: "digest", digestMinutes: 60 },
      actor: TEST_ACTOR,
    });
    await setNotificationPreferences({ teamId: team.team.id, userId: team.owner.id, preferences: { mode: "off" }, actor: TEST_ACTOR });
    const [row] = await getDb()
      .select()
      .from(memberships)
      .where(and(eq(memberships.teamId, team.team.id), eq(memberships.userId, team.owner.id)));
    expect(row).toMatchObject({ notifyEmail: false, notifyDigestMinutes: 60 });
    const events = await getDb()
      .select({ data: auditEvents.data })
      .from(auditEvents)
      .where(and(eq(auditEvents.teamId, team.team.id), eq(auditEvents.action, "member.notifications_updated")))
      .orderBy(auditEvents.id);
    expect(events.map((e) => e.data)).toEqual([
      { notifyEmail: true, before: { mode: "immediate" }, after: { mode: "digest", digestMinutes: 60 } },
      { notifyEmail: false, before: { mode: "digest", digestMinutes: 60 }, after: { mode: "off" } },
    ]);
  });
});

describe("assignment, deadline and escalation notices", () => {
  it("emails the assignee when someone else assigns them, not when they claim a task", async () => {
    const team = await createTestTeam();
    await quiet(team);
    const reviewer = await member(team, "reviewer");
    const task = await newTask(team, "support", "Assign me");
    const owner: Principal = {
      kind: "user",
      teamId: team.team.id,
      actor: { type: "user", id: team.owner.id },
      role: "owner",
      queues: null,
    };
    const self: Principal = {
      kind: "user",
      teamId: team.team.id,
      actor: { type: "user", id: reviewer.id },
      role: "reviewer",
      queues: null,
    };

    const before = (await mailTo(reviewer.email)).length; // the new-task notice
    await assignTask({ principal: owner, taskId: task.id, assigneeId: reviewer.id });
    const assigned = (await mailTo(reviewer.email)).slice(before);
    expect(assigned.map((m) => m.subject)).toEqual(["Assigned to you: Assign me"]);
    expect(assigned[0]!.text).toContain(`${team.owner.email.toLowerCase()} assigned you a task`);
    expect(assigned[0]!.text).toContain(`${env().APP_URL}/tasks/${task.id}`);

    await assignTask({ principal: self, taskId: task.id, assigneeId: null });
    await assignTask({ principal: self, taskId: task.id, assigneeId: reviewer.id }); // claiming
    expect((await mailTo(reviewer.email)).slice(before)).toHaveLength(1);
  });

  it("deadline approaching: the queue's reviewers and the assignee, once each however often it is called", async () => {
    const team = await createTestTeam();
    await quiet(team);
    const support = await member(team, "reviewer", ["support"]);
    const billing = await member(team, "reviewer", ["billing"]);
    const quietAdmin = await member(team, "admin");
    await setNotifyEmail({ teamId: team.team.id, userId: quietAdmin.id, notifyEmail: false, actor: TEST_ACTOR });
    const viewer = await member(team, "viewer");
    const task = await newTask(team, "support", "Due soon");
    await getDb()
      .update(tasks)
      .set({ dueAt: new Date("2026-07-01T09:30:00Z"), assigneeId: viewer.id })
      .where(eq(tasks.id, task.id));

    for (let i = 0; i < 2; i++) {
      await getDb().transaction((tx) => notifyDeadlineApproaching(tx, { teamId: team.team.id, taskId: task.id }));
    }
    const rows = await getDb()
      .select({ to: mailMessages.to, subject: mailMessages.subject, text: mailMessages.text })
      .from(mailMessages)
      .where(and(eq(mailMessages.teamId, team.team.id), like(mailMessages.dedupeKey, "deadline:%")));
    expect(rows.map((r) => r.to).sort()).toEqual([support.email, viewer.email].sort());
    expect(rows[0]!.subject).toBe("Deadline approaching: Due soon");
    expect(rows[0]!.text).toContain("due 2026-07-01 09:30 UTC");
    expect(rows.map((r) => r.to)).not.toContain(billing.email);

    // Another team's task id does nothing.
    const other = await createTestTeam();
    await notifyDeadlineApproaching(getDb(), { teamId: other.team.id, taskId: task.id });
    expect(await mailTo(other.owner.email.toLowerCase())).toEqual([]);
  });

  it("escalated: the new queue's reviewers, once per move", async () => {
    const team = await createTestTeam();
    await quiet(team);
    const support = await member(team, "reviewer", ["support"]);
    const finance = await member(team, "reviewer", ["finance"]);
    const task = await newTask(team, "support", "Escalate me");
    await getDb().update(tasks).set({ queue: "finance" }).where(eq(tasks.id, task.id));
    const params = { teamId: team.team.id, taskId: task.id, fromQueue: "support", toQueue: "finance" };
    await notifyEscalated(getDb(), params);
    await notifyEscalated(getDb(), params);
    const rows = await getDb()
      .select({ to: mailMessages.to, subject: mailMessages.subject, text: mailMessages.text })
      .from(mailMessages)
      .where(and(eq(mailMessages.teamId, team.team.id), like(mailMessages.dedupeKey, "escalated:%")));
    expect(rows).toEqual([
      {
        to: finance.email,
        subject: "Escalated to finance: Escalate me",
        text: expect.stringContaining(`${env().APP_URL}/tasks/${task.id}`),
      },
    ]);
    expect(rows[0]!.text).toContain("escalated from support to finance");
    expect(rows.map((r) => r.to)).not.toContain(support.email);
  });
});

describe("the hourly cap", () => {
  it("drops notices above NOTIFICATION_EMAILS_PER_HOUR_PER_TEAM and audits the first drop of the hour", async () => {
    process.env.NOTIFICATION_EMAILS_PER_HOUR_PER_TEAM = "2";
    resetEnvCache();
    try {
      const team = await createTestTeam();
      for (let i = 0; i < 4; i++) await newTask(team, "support", `Capped ${i}`);
      const rows = await getDb().select({ subject: mailMessages.subject }).from(mailMessages).where(eq(mailMessages.teamId, team.team.id));
      expect(rows.map((r) => r.subject).sort()).toEqual(["Review needed: Capped 0", "Review needed: Capped 1"]);
      const capped = await getDb()
        .select({ data: auditEvents.data })
        .from(auditEvents)
        .where(and(eq(auditEvents.teamId, team.team.id), eq(auditEvents.action, "mail.notifications_capped")));
      expect(capped).toHaveLength(1);
      expect(capped[0]!.data).toMatchObject({ limitPerHour: 2, firstDropped: { subject: "Review needed: Capped 2" } });

      // Another team has its own budget.
      const other = await createTestTeam();
      await newTask(other, "support", "Not capped");
      expect(await mailTo(other.owner.email.toLowerCase())).toHaveLength(1);
    } finally {
      delete process.env.NOTIFICATION_EMAILS_PER_HOUR_PER_TEAM;
      resetEnvCache();
    }
  });
});

describe("Resend outage", () => {
  // A stand-in speaking Resend's API (see resend-transport.test.ts), deduping by Idempotency-Key.
  const received: { key: string | undefined; to: string }[] = [];
  const sent = new Map<string, string>();
  let answers: number[] = []; // statuses to answer before succeeding
  const standIn = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (d) => (raw += d));
    req.on("end", () => {
      const json = (status: number, body: unknown) =>
        res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
      const key = req.headers["idempotency-key"] as string | undefined;
      received.push({ key, to: (JSON.parse(raw) as { to: string }).to });
      const status = answers.shift();
      if (status)
        return json(status, {
          statusCode: status,
          name: status === 422 ? "validation_error" : "internal_server_error",
          message: `Stand-in ${status}`,
        });
      const id = (key && sent.get(key)) ?? `re-${sent.size + 1}`;
      if (key) sent.set(key, id);
      json(200, { id });
    });
  });
  beforeAll(async () => {
    await new Promise<void>((r) => standIn.listen(0, "127.0.0.1", r));
    process.env.RESEND_API_KEY = "re_test_outage";
    process.env.RESEND_BASE_URL = `http://127.0.0.1:${(standIn.address() as net.AddressInfo).port}`;
    resetEnvCache();
  });
  afterAll(async () => {
    delete process.env.RESEND_API_KEY;
    delete process.env.RESEND_BASE_URL;
    resetEnvCache();
    await new Promise((r) => standIn.close(r));
  });

  it("a 500 is retried by the job queue with backoff and the email is delivered exactly once", async () => {
    const team = await createTestTeam();
    const owner = team.owner.email.toLowerCase();
    answers = [500];
    const started = Date.now();
    await newTask(team, "support", "Outage task");
    const [row] = await until(
      "the retried delivery",
      async () => {
        const rows = await mailTo(owner);
        return rows[0]?.status === "sent" ? rows : null;
      },
      30_000,
    );
    expect(row).toMatchObject({ status: "sent", transport: "resend", attempts: 2, lastError: null, providerMessageId: sent.get(row!.id) });
    expect(Date.now() - started).toBeGreaterThan(1_500); // graphile-worker waited exp(1) ≈ 2.7 s before the retry
    const mine = received.filter((r) => r.key === row!.id);
    expect(mine).toHaveLength(2); // the failed attempt and the retry, same Idempotency-Key
    expect([...sent.keys()].filter((k) => k === row!.id)).toHaveLength(1);
  });

  it("a permanent 4xx fails the message at once, without retries", async () => {
    const team = await createTestTeam();
    const owner = team.owner.email.toLowerCase();
    answers = [422];
    await newTask(team, "support", "Rejected task");
    const [row] = await until("the failed delivery", async () => {
      const rows = await mailTo(owner);
      return rows[0]?.status === "failed" ? rows : null;
    });
    expect(row).toMatchObject({ status: "failed", attempts: 1, lastError: "Resend: Stand-in 422" });
    const { rows: jobs } = await getDb().execute(
      sql`select id from graphile_worker._private_jobs where payload->>'messageId' = ${row!.id}`,
    );
    expect(jobs).toEqual([]);
    expect(received.filter((r) => r.key === row!.id)).toHaveLength(1);
  });
});
