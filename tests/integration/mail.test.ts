import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { mailMessages } from "@/db/schema";
import { resetEnvCache } from "@/lib/env";
import { deliverMail, enqueueMail, listMail, mailTransportName } from "@/lib/mail";
import { uniqueEmail, uniqueSlug } from "../helpers";

async function deliveryJobs(messageId: string) {
  // Payloads live in the private table; the public `jobs` view has none.
  const { rows } = await getDb().execute<{ identifier: string }>(sql`
    select t.identifier from graphile_worker._private_jobs j
    join graphile_worker._private_tasks t on t.id = j.task_id
    where j.payload->>'messageId' = ${messageId}`);
  return rows.map((r) => r.identifier);
}

describe("mail outbox", () => {
  const savedKey = process.env.RESEND_API_KEY;
  beforeAll(() => {
    delete process.env.RESEND_API_KEY; // these tests are about the development transport
    resetEnvCache();
  });
  afterAll(() => {
    if (savedKey !== undefined) process.env.RESEND_API_KEY = savedKey;
    resetEnvCache();
  });

  it("queues a message row and its delivery job together", async () => {
    const to = uniqueEmail("Lead").toUpperCase();
    const { id, created } = await enqueueMail(getDb(), { to, subject: "Hello", text: "Hi there", html: "<p>Hi there</p>" });
    expect(created).toBe(true);

    const [row] = await getDb().select().from(mailMessages).where(eq(mailMessages.id, id));
    expect(row).toMatchObject({ to: to.toLowerCase(), subject: "Hello", status: "queued", attempts: 0 });
    expect(await deliveryJobs(id)).toEqual(["mail:deliver"]);
  });

  it("queues a message once per dedupe key", async () => {
    const dedupeKey = `run:${uniqueSlug()}:task:1`;
    const to = uniqueEmail();
    const first = await enqueueMail(getDb(), { to, subject: "Draft", text: "v1", dedupeKey });
    const second = await enqueueMail(getDb(), { to, subject: "Draft", text: "v2", dedupeKey });

    expect(second).toEqual({ id: first.id, created: false });
    const rows = await getDb().select().from(mailMessages).where(eq(mailMessages.dedupeKey, dedupeKey));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.text).toBe("v1");
    expect(await deliveryJobs(first.id)).toHaveLength(1);
  });

  it("queues nothing when the caller's transaction rolls back", async () => {
    const to = uniqueEmail();
    await expect(
      getDb().transaction(async (tx) => {
        await enqueueMail(tx, { to, subject: "Never", text: "rolled back" });
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    expect(await getDb().select().from(mailMessages).where(eq(mailMessages.to, to))).toEqual([]);
  });

  it("delivers through the development transport once, keeping the message readable", async () => {
    expect(mailTransportName()).toBe("development");
    const to = uniqueEmail();
    const { id } = await enqueueMail(getDb(), { to, subject: "Your sign-in link", text: "https://example.test/verify?token=abc" });

    await deliverMail(getDb(), id);
    await deliverMail(getDb(), id); // a retried job must not send twice

    const [row] = await getDb().select().from(mailMessages).where(eq(mailMessages.id, id));
    expect(row).toMatchObject({ status: "sent", transport: "development", attempts: 1, lastError: null });
    expect(row!.sentAt).toBeInstanceOf(Date);

    const listed = await listMail({ to: to.toUpperCase() });
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ id, to, subject: "Your sign-in link", text: "https://example.test/verify?token=abc", html: null });
    expect(Number.isNaN(Date.parse(listed[0]!.createdAt))).toBe(false);
  });

  it("lists the outbox newest first", async () => {
    const to = uniqueEmail();
    const a = await enqueueMail(getDb(), { to, subject: "first", text: "1" });
    const b = await enqueueMail(getDb(), { to, subject: "second", text: "2" });
    expect((await listMail({ to })).map((m) => m.id)).toEqual([b.id, a.id]);
  });
});
