import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, webhookSecrets } from "@/db/schema";
import { authSecret } from "@/lib/auth/secret";
import { resetEnvCache } from "@/lib/env";
import { decryptSecret, getWebhookSecret, rotateWebhookSecret, WebhookSecretUnreadable } from "@/lib/webhooks/secrets";
import { signWebhook, verifyWebhookSignature } from "@/lib/webhooks/sign";
import { createTestTeam, runCli, TEST_ACTOR } from "../helpers";

async function storedValue(teamId: string) {
  const [row] = await getDb().select().from(webhookSecrets).where(eq(webhookSecrets.teamId, teamId));
  return row!.secretEncrypted;
}

async function auditActions(teamId: string) {
  const rows = await getDb()
    .select({ action: auditEvents.action, data: auditEvents.data })
    .from(auditEvents)
    .where(and(eq(auditEvents.teamId, teamId), eq(auditEvents.subjectType, "team")));
  return rows.filter((r) => r.action.startsWith("webhook."));
}

describe("per-team webhook secrets", () => {
  it("random per team, stable until rotated, encrypted at rest, bound to its team", async () => {
    const a = await createTestTeam();
    const b = await createTestTeam();
    const secretA = await getWebhookSecret({ teamId: a.team.id });
    const secretB = await getWebhookSecret({ teamId: b.team.id });
    expect(secretA).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(secretB).not.toBe(secretA);
    expect(await getWebhookSecret({ teamId: a.team.id })).toBe(secretA);
    // Never the app's auth secret, nor anything in the row in clear.
    expect(secretA).not.toContain(authSecret());
    const sealed = await storedValue(a.team.id);
    expect(sealed).toMatch(/^v1\.auth\./);
    expect(sealed).not.toContain(secretA.slice(6));
    expect(decryptSecret(a.team.id, sealed)).toBe(secretA);
    // Copied into another team's row, it does not decrypt (the team id is authenticated data).
    expect(() => decryptSecret(b.team.id, sealed)).toThrow(WebhookSecretUnreadable);

    // A signature made with one team's secret does not verify with another's.
    const body = JSON.stringify({ type: "task.decided" });
    const header = signWebhook(secretA, body);
    expect(verifyWebhookSignature({ secret: secretA, body, header })).toBe(true);
    expect(verifyWebhookSignature({ secret: secretB, body, header })).toBe(false);
    expect(verifyWebhookSignature({ secret: secretA, body: body + " ", header })).toBe(false);

    const rotated = await rotateWebhookSecret({ teamId: a.team.id, actor: TEST_ACTOR });
    expect(rotated).not.toBe(secretA);
    expect(await getWebhookSecret({ teamId: a.team.id })).toBe(rotated);
    expect(await getWebhookSecret({ teamId: b.team.id })).toBe(secretB);
    expect((await auditActions(a.team.id)).map((e) => e.action).sort()).toEqual(["webhook.secret_created", "webhook.secret_rotated"]);
    // The audit trail never holds the secret.
    expect(JSON.stringify(await auditActions(a.team.id))).not.toContain("whsec_");
  });

  it("a changed encryption key gives a clear error instead of wrong signatures", async () => {
    const t = await createTestTeam();
    await getWebhookSecret({ teamId: t.team.id });
    process.env.WEBHOOK_ENCRYPTION_KEY = "k".repeat(40);
    resetEnvCache();
    try {
      await expect(getWebhookSecret({ teamId: t.team.id })).rejects.toThrow(/WEBHOOK_ENCRYPTION_KEY is set.*--rotate/);
      const fresh = await rotateWebhookSecret({ teamId: t.team.id, actor: TEST_ACTOR });
      expect(await storedValue(t.team.id)).toMatch(/^v1\.env\./);
      expect(await getWebhookSecret({ teamId: t.team.id })).toBe(fresh);
    } finally {
      delete process.env.WEBHOOK_ENCRYPTION_KEY;
      resetEnvCache();
    }
  });

  it("cli webhook:secret prints the secret; --rotate replaces it and is audited", async () => {
    const t = await createTestTeam();
    const first = await runCli(["webhook:secret", "--team", t.team.slug]);
    expect(first.code, first.stderr).toBe(0);
    const { secret } = first.json<{ secret: string }>();
    expect(secret).toMatch(/^whsec_/);
    expect(await getWebhookSecret({ teamId: t.team.id })).toBe(secret);
    expect((await runCli(["webhook:secret", "--team", t.team.slug])).json<{ secret: string }>().secret).toBe(secret);

    const rotated = await runCli(["webhook:secret", "--team", t.team.slug, "--rotate"]);
    expect(rotated.code, rotated.stderr).toBe(0);
    const next = rotated.json<{ secret: string }>().secret;
    expect(next).not.toBe(secret);
    expect(await getWebhookSecret({ teamId: t.team.id })).toBe(next);
    const audit = await auditActions(t.team.id);
    expect(audit.map((e) => e.action).sort()).toEqual(["webhook.secret_created", "webhook.secret_rotated"]);

    const missing = await runCli(["webhook:secret", "--team", "no-such-team-x"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No team with slug/);
  }, 300_000); // four CLI processes on a loaded machine
});
