import "server-only";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth from "next-auth";
import type { Adapter } from "next-auth/adapters";
import { baseAuthConfig } from "@/auth.config";
import { getDb } from "@/db/client";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { magicLinkProvider } from "@/lib/auth/email-provider";
import { configuredOrigin, ORIGIN_REQUIRED_MESSAGE } from "@/lib/auth/origin";
import { authSecret } from "@/lib/auth/secret";
import { newId } from "@/lib/ids";
import { acceptPendingInvitations } from "@/lib/teams/invitations";
import { auditSession } from "@/lib/teams/sessions";

/** The drizzle adapter on our tables, with the product's own user ids and lowercase emails. */
function adapter(): Adapter {
  const base = DrizzleAdapter(getDb(), {
    usersTable: users,
    accountsTable: accounts,
    sessionsTable: sessions,
    verificationTokensTable: verificationTokens,
  });
  return {
    ...base,
    createUser: (user) => base.createUser!({ ...user, id: newId("usr"), email: user.email.trim().toLowerCase() }),
  };
}

/** Production refuses to run sign-in without a pinned public origin (never a link built from Host). */
function assertOriginPinned() {
  if (process.env.NODE_ENV === "production" && !configuredOrigin()) throw new Error(`[auth] ${ORIGIN_REQUIRED_MESSAGE}`);
}

/**
 * Lazily configured so that importing this module (e.g. during `next build`) touches neither
 * the database nor the secret; both are resolved on the first request.
 */
export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const base = baseAuthConfig();
  assertOriginPinned();
  return {
    ...base,
    secret: authSecret(),
    adapter: adapter(),
    providers: [magicLinkProvider(), ...(base.providers ?? [])],
    events: {
      async signIn({ user, account }) {
        // An invited address joins its teams the moment it signs in.
        if (!user.id) return;
        await acceptPendingInvitations({ userId: user.id });
        await auditSession({ userId: user.id, action: "user.signed_in", provider: account?.provider });
      },
      async signOut(message) {
        // Database sessions: the event carries the session row being deleted.
        const userId = "session" in message ? message.session?.userId : undefined;
        if (userId) await auditSession({ userId, action: "user.signed_out" });
      },
    },
  };
});
