import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { apiKeys, auditEvents } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { authenticateApiKey, createApiKey, revokeApiKey } from "@/lib/teams";
import { createTestTeam, TEST_ACTOR } from "../helpers";

async function expectUnauthenticated(promise: Promise<unknown>, message: RegExp) {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe("unauthenticated");
  expect((err as AppError).message).toMatch(message);
}

describe("API keys", () => {
  it("stores only the SHA-256 hash and a short prefix, never the key", async () => {
    const team = await createTestTeam();
    const { apiKey, id } = await createApiKey({ teamId: team.team.id, name: "ci", actor: TEST_ACTOR });

    expect(apiKey).toMatch(/^acl_live_[0-9A-Za-z]{32}$/);
    const [row] = await getDb().select().from(apiKeys).where(eq(apiKeys.id, id));
    expect(row!.keyHash).toBe(createHash("sha256").update(apiKey).digest("hex"));
    expect(row!.prefix).toBe(apiKey.slice(0, "acl_live_".length + 6));

    // No column of any key row, nor any audit event, holds the key or its secret part.
    const secret = apiKey.slice("acl_live_".length);
    const dumps = await getDb().execute<{ dump: string }>(sql`
      select row_to_json(k)::text as dump from api_keys k
      union all
      select row_to_json(e)::text from audit_events e where e.team_id = ${team.team.id}`);
    expect(dumps.rows.length).toBeGreaterThanOrEqual(3);
    for (const { dump } of dumps.rows) {
      expect(dump).not.toContain(secret);
      expect(dump).not.toContain(team.apiKey.slice("acl_live_".length));
    }
  });

  it("gives every key a distinct value", async () => {
    const team = await createTestTeam();
    const keys = await Promise.all(Array.from({ length: 5 }, () => createApiKey({ teamId: team.team.id, actor: TEST_ACTOR })));
    expect(new Set(keys.map((k) => k.apiKey)).size).toBe(5);
  });

  it("authenticates a key to its own team only", async () => {
    const a = await createTestTeam();
    const b = await createTestTeam();
    expect(await authenticateApiKey(getDb(), a.apiKey)).toMatchObject({ teamId: a.team.id, keyId: a.apiKeyId, teamSlug: a.team.slug });
    expect(await authenticateApiKey(getDb(), b.apiKey)).toMatchObject({ teamId: b.team.id });
  });

  it("rejects unknown and malformed keys", async () => {
    await expectUnauthenticated(authenticateApiKey(getDb(), `acl_live_${"x".repeat(32)}`), /unknown/i);
    await expectUnauthenticated(authenticateApiKey(getDb(), "sk_test_123"), /unknown/i);
    await expectUnauthenticated(authenticateApiKey(getDb(), ""), /unknown/i);
  });

  it("makes revocation take effect at once, for that key only", async () => {
    const team = await createTestTeam();
    const second = await createApiKey({ teamId: team.team.id, actor: TEST_ACTOR });
    await authenticateApiKey(getDb(), team.apiKey);

    const revoked = await revokeApiKey({ keyId: team.apiKeyId, actor: TEST_ACTOR });
    expect(revoked.id).toBe(team.apiKeyId);
    expect(Number.isNaN(Date.parse(revoked.revokedAt))).toBe(false);

    await expectUnauthenticated(authenticateApiKey(getDb(), team.apiKey), /revoked/i);
    expect(await authenticateApiKey(getDb(), second.apiKey)).toMatchObject({ teamId: team.team.id });

    const events = await getDb().select().from(auditEvents).where(eq(auditEvents.subjectId, team.apiKeyId));
    expect(events.map((e) => e.action).sort()).toEqual(["apikey.created", "apikey.revoked"]);
  });

  it("treats another team's key id as not found when revoking within a team", async () => {
    const a = await createTestTeam();
    const b = await createTestTeam();
    const err = await revokeApiKey({ keyId: b.apiKeyId, teamId: a.team.id, actor: TEST_ACTOR }).catch((e: unknown) => e);
    expect((err as AppError).code).toBe("not_found");
    expect(await authenticateApiKey(getDb(), b.apiKey)).toMatchObject({ teamId: b.team.id });
  });

  it("revoking twice keeps the first revocation time and writes one audit event", async () => {
    const team = await createTestTeam();
    const first = await revokeApiKey({ keyId: team.apiKeyId, actor: TEST_ACTOR });
    const second = await revokeApiKey({ keyId: team.apiKeyId, actor: TEST_ACTOR });
    expect(second.revokedAt).toBe(first.revokedAt);
    const events = await getDb().select().from(auditEvents).where(eq(auditEvents.subjectId, team.apiKeyId));
    expect(events.filter((e) => e.action === "apikey.revoked")).toHaveLength(1);
  });
});
