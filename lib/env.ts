import { z } from "zod";

/** Every environment variable the product reads, validated once. */
const schema = z.object({
  DATABASE_URL: z.string().url().optional(),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  APP_URL: z.string().url().default("http://localhost:3000"),
  /**
   * Signs CSRF tokens and hashes magic-link tokens (sessions live in the database).
   * Unset: a random secret is generated once into `.data/auth-secret` (see lib/auth/secret.ts),
   * so `npm run dev`/`npm start` work with no .env; set it when several instances serve the app.
   * Generate one with `openssl rand -base64 33`.
   */
  AUTH_SECRET: z.string().min(16, "AUTH_SECRET must be at least 16 characters").optional(),
  /**
   * Trust the Host / X-Forwarded-Host headers when building auth URLs. Defaults to true (the app
   * is self-hosted); magic links are built on AUTH_URL or APP_URL when either is set explicitly.
   */
  AUTH_TRUST_HOST: z.enum(["true", "false", "1", "0"]).optional(),
  /** The public origin of the app, e.g. https://acl.example.com (pins magic-link URLs). */
  AUTH_URL: z.string().url().optional(),
  /** GitHub OAuth: the button appears only when both are set. */
  AUTH_GITHUB_ID: z.string().optional(),
  AUTH_GITHUB_SECRET: z.string().optional(),
  RESEND_API_KEY: z.string().startsWith("re_").optional(),
  MAIL_FROM: z.string().default("AgentControlLayer <noreply@agentcontrollayer.dev>"),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_MODEL: z.string().default("gpt-4o-mini"),
  /** "inline" (default): a worker runs inside the web process; "off": only `npm run worker` runs jobs. */
  ACL_WORKER: z.enum(["child", "inline", "off"]).default("child"),
  /** How long a resume waits for more decisions of the same run to batch them (ms). */
  RESUME_BATCH_MS: z.coerce.number().int().min(0).max(10_000).default(200),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** Sign-in emails per client address, and for the whole app, per minute (lib/auth). */
  SIGNIN_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  SIGNIN_MAILS_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  /** Emails a team's workflows may send to outside addresses in any 24 hours (email-outreach, once(), ops-agent). */
  EMAIL_DAILY_LIMIT_PER_TEAM: z.coerce.number().int().min(0).default(1000),
  /**
   * Notification emails to a team's members (new tasks, digests, assignments, deadlines, escalations)
   * in any 60 minutes; above it further notices are dropped and the first drop of the hour is audited.
   */
  NOTIFICATION_EMAILS_PER_HOUR_PER_TEAM: z.coerce.number().int().min(0).default(200),
  /** Concurrent SSE streams and long-polls per API key or user, per server instance (429 above). */
  MAX_STREAMS_PER_CALLER: z.coerce.number().int().min(1).default(20),
  /**
   * Hosts exempt from the webhook SSRF guard: comma-separated `host` or `host:port` (`[::1]:8080`).
   * For development and test receivers on loopback or private networks; leave unset in production.
   */
  WEBHOOK_ALLOWED_HOSTS: z.string().optional(),
  /** How long a webhook receiver has to answer before the attempt counts as failed (ms). */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
  /** Webhook deliveries run on their own worker slots, never on the runs' (WORKER_CONCURRENCY). */
  WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /**
   * Encrypts the teams' webhook secrets at rest (AES-256-GCM): 32+ random characters. Unset: a key
   * derived with HKDF from AUTH_SECRET (the secrets themselves are random, never derived from it).
   */
  WEBHOOK_ENCRYPTION_KEY: z.string().min(32, "WEBHOOK_ENCRYPTION_KEY must be at least 32 characters").optional(),
  /** "1" registers the test suites' extra workflows (lib/workflows/testing.ts); never set in production. */
  ACL_TEST_WORKFLOWS: z.enum(["0", "1"]).optional(),
  /**
   * How often a long-poll (`GET /runs/{id}?wait`) re-reads the run in case the listening connection
   * dropped a notification. Test suites make it longer than any wait, so only a NOTIFY can wake one.
   */
  ACL_WAIT_FALLBACK_MS: z.coerce.number().int().min(100).max(3_600_000).default(5_000),
  /** "1" makes GET /api/health report the longest event-loop block (lib/event-loop-probe.ts); test suites only. */
  ACL_EVENT_LOOP_PROBE: z.enum(["0", "1"]).optional(),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== "")));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${lines}`);
  }
  cached = parsed.data;
  return cached;
}

/** For tests that change variables between cases. */
export function resetEnvCache() {
  cached = undefined;
}
