import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { webhookSecrets, type Actor } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { authSecret } from "@/lib/auth/secret";
import { env } from "@/lib/env";

/**
 * Per-team webhook secrets. The secret is 32 random bytes (`whsec_…`), never derived from
 * anything. Signing needs it in clear, so it cannot be hashed: it is encrypted at rest with
 * AES-256-GCM under a key from WEBHOOK_ENCRYPTION_KEY, or (unset) derived by HKDF from the auth
 * secret with a label of its own. A database dump alone reveals no secret; the key id in each
 * value says which key sealed it, so a changed key gives a clear error instead of bad signatures.
 */

const HKDF_SALT = "agent-control-layer/webhook-secrets";
const HKDF_INFO = "aes-256-gcm v1";

function encryptionKey(): { id: "env" | "auth"; key: Buffer } {
  const configured = env().WEBHOOK_ENCRYPTION_KEY;
  const id = configured ? "env" : "auth";
  const material = configured ?? authSecret();
  return { id, key: Buffer.from(hkdfSync("sha256", material, HKDF_SALT, HKDF_INFO, 32)) };
}

export function encryptSecret(teamId: string, secret: string): string {
  const { id, key } = encryptionKey();
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(teamId)); // a value copied to another team's row does not decrypt
  const ct = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v1", id, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ct.toString("base64url")].join(".");
}

export class WebhookSecretUnreadable extends Error {}

export function decryptSecret(teamId: string, sealed: string): string {
  const [version, id, iv, tag, ct] = sealed.split(".");
  const { id: currentId, key } = encryptionKey();
  const hint = "Set the key it was sealed with again, or issue a new secret: `npm run cli -- webhook:secret --team <slug> --rotate`.";
  if (version !== "v1" || !iv || !tag || !ct) throw new WebhookSecretUnreadable(`Team ${teamId}: malformed webhook secret. ${hint}`);
  if (id !== currentId) {
    throw new WebhookSecretUnreadable(
      `Team ${teamId}: its webhook secret was sealed with the ${id === "env" ? "WEBHOOK_ENCRYPTION_KEY" : "AUTH_SECRET-derived"} key, ` +
        `but ${currentId === "env" ? "WEBHOOK_ENCRYPTION_KEY is set" : "WEBHOOK_ENCRYPTION_KEY is unset"}. ${hint}`,
    );
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(teamId));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new WebhookSecretUnreadable(`Team ${teamId}: the webhook secret does not decrypt (the encryption key changed). ${hint}`);
  }
}

function newSecret() {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

/** The team's secret, created (and audited) on first need. */
export async function getWebhookSecret(params: { teamId: string; actor?: Actor }, db: DbOrTx = getDb()): Promise<string> {
  const [row] = await db.select().from(webhookSecrets).where(eq(webhookSecrets.teamId, params.teamId)).limit(1);
  if (row) return decryptSecret(params.teamId, row.secretEncrypted);
  const secret = newSecret();
  const inserted = await db
    .insert(webhookSecrets)
    .values({ teamId: params.teamId, secretEncrypted: encryptSecret(params.teamId, secret) })
    .onConflictDoNothing()
    .returning({ teamId: webhookSecrets.teamId });
  if (inserted.length === 0) return getWebhookSecret(params, db); // a concurrent caller created it first
  await recordAudit(db, {
    teamId: params.teamId,
    actor: params.actor ?? { type: "system", id: "webhooks" },
    action: "webhook.secret_created",
    subjectType: "team",
    subjectId: params.teamId,
  });
  return secret;
}

/** Replaces the team's secret; deliveries from now on (retries included) are signed with the new one. */
export async function rotateWebhookSecret(params: { teamId: string; actor: Actor }, db: DbOrTx = getDb()): Promise<string> {
  const secret = newSecret();
  const sealed = encryptSecret(params.teamId, secret);
  await db
    .insert(webhookSecrets)
    .values({ teamId: params.teamId, secretEncrypted: sealed, rotatedAt: new Date() })
    .onConflictDoUpdate({ target: webhookSecrets.teamId, set: { secretEncrypted: sealed, rotatedAt: new Date() } });
  await recordAudit(db, {
    teamId: params.teamId,
    actor: params.actor,
    action: "webhook.secret_rotated",
    subjectType: "team",
    subjectId: params.teamId,
  });
  return secret;
}

export async function getWebhookSecretInfo(teamId: string, db: DbOrTx = getDb()) {
  const [row] = await db.select().from(webhookSecrets).where(eq(webhookSecrets.teamId, teamId)).limit(1);
  return row ? { createdAt: row.createdAt, rotatedAt: row.rotatedAt } : null;
}
