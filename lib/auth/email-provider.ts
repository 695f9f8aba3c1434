import "server-only";
import type { EmailConfig } from "next-auth/providers/email";
import { getDb } from "@/db/client";
import { enforceRateLimit } from "@/lib/rate-limit";
import { env } from "@/lib/env";
import { enqueueMail } from "@/lib/mail";
import { magicLinkEmail } from "@/lib/mail/templates";
import { configuredOrigin, ORIGIN_REQUIRED_MESSAGE } from "./origin";

const MAGIC_LINK_MINUTES = 30;
/** A hard ceiling per address, also for POSTs that bypass the sign-in form. */
const MAILS_PER_MINUTE = 10;
/** A ceiling for the whole app: plus-tags and many addresses cannot turn sign-in into a mail cannon. */
export const GLOBAL_SIGNIN_MAILS_PER_MINUTE = () => Number(process.env.SIGNIN_MAILS_PER_MINUTE ?? 120);

/**
 * Links are built on the configured public origin when there is one, not on the request's
 * Host header, so a forged Host cannot make us mail a link that points elsewhere.
 */
function pinnedOrigin(url: string): string {
  const configured = configuredOrigin();
  if (!configured) {
    if (process.env.NODE_ENV === "production") throw new Error(ORIGIN_REQUIRED_MESSAGE);
    return url; // development: the request's own origin
  }
  const link = new URL(url);
  const origin = new URL(configured);
  link.protocol = origin.protocol;
  link.host = origin.host;
  return link.toString();
}

/**
 * Magic-link sign-in through the product's own outbox (a `mail_messages` row + a delivery job),
 * so links are delivered by Resend in production and readable with `cli mail:list` in development.
 */
export function magicLinkProvider(): EmailConfig {
  return {
    id: "email",
    type: "email",
    name: "Email",
    from: env().MAIL_FROM,
    maxAge: MAGIC_LINK_MINUTES * 60,
    normalizeIdentifier: (identifier) => identifier.trim().toLowerCase(),
    async sendVerificationRequest({ identifier, url }) {
      const db = getDb();
      const link = pinnedOrigin(url); // before any counting: no origin, no mail
      await enforceRateLimit(`signin-mail:${identifier}`, MAILS_PER_MINUTE, db);
      await enforceRateLimit("signin-mail:global", GLOBAL_SIGNIN_MAILS_PER_MINUTE(), db);
      const message = magicLinkEmail({ url: link, host: new URL(link).host, expiresInMinutes: MAGIC_LINK_MINUTES });
      await enqueueMail(db, { to: identifier, ...message });
    },
    options: {},
  };
}
