import type { NextAuthConfig } from "next-auth";
import GitHub from "next-auth/providers/github";

/** GitHub sign-in is offered only when both credentials are configured. */
export function githubEnabled(): boolean {
  return Boolean(process.env.AUTH_GITHUB_ID && process.env.AUTH_GITHUB_SECRET);
}

/**
 * The edge-safe half of the auth configuration: no database, no Node APIs. `auth.ts` adds the
 * adapter, the magic-link provider (which writes to the outbox) and the secret.
 */
export function baseAuthConfig(): NextAuthConfig {
  const trust = process.env.AUTH_TRUST_HOST;
  const pinned = Boolean(process.env.AUTH_URL || process.env.APP_URL);
  return {
    // Never trust a request's Host by default in production. With APP_URL/AUTH_URL set, the auth
    // route rebases every request on that origin and replaces its Host headers, so Auth.js only
    // ever sees the pinned origin; without it, production sign-in refuses to run (auth.ts).
    trustHost: trust === undefined || trust === "" ? process.env.NODE_ENV !== "production" || pinned : trust === "true" || trust === "1",
    pages: { signIn: "/sign-in", verifyRequest: "/verify", error: "/auth-error" },
    // Database sessions: a row per browser, deleted on sign-out, revocable by deleting it.
    session: { strategy: "database", maxAge: 30 * 24 * 60 * 60, updateAge: 24 * 60 * 60 },
    providers: githubEnabled() ? [GitHub] : [],
    callbacks: {
      session({ session, user }) {
        if (user && session.user) session.user.id = user.id;
        return session;
      },
    },
  };
}
