"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { clientIp } from "@/lib/auth/origin";
import { z } from "zod";
import { signIn } from "@/auth";
import { githubEnabled } from "@/auth.config";
import { enforceRateLimit } from "@/lib/rate-limit";
import { safeCallbackPath } from "@/lib/auth/redirects";
import { AppError } from "@/lib/errors";

export type SignInState = { error?: string; email?: string };

const schema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address."),
  callbackUrl: z.string().optional(),
});

/** Sends a magic link through the outbox and moves to the "check your email" page. */
export async function signInWithEmail(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const parsed = schema.safeParse({ email: formData.get("email"), callbackUrl: formData.get("callbackUrl") ?? undefined });
  const typed = String(formData.get("email") ?? "");
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Enter a valid email address.", email: typed };
  const { email } = parsed.data;
  try {
    await enforceRateLimit(`signin-form:${email}`, 5);
    await enforceRateLimit(`signin-ip:${clientIp(await headers())}`, Number(process.env.SIGNIN_PER_IP_PER_MINUTE ?? 20));
  } catch (err) {
    if (err instanceof AppError && err.code === "rate_limited") {
      return { error: "Too many sign-in links requested. Wait a minute and try again.", email };
    }
    throw err;
  }
  const next = await signIn("email", { email, redirectTo: safeCallbackPath(parsed.data.callbackUrl), redirect: false });
  if (typeof next === "string" && next.includes("error=")) {
    return { error: "We could not send the sign-in email. Try again in a moment.", email };
  }
  redirect(`/verify?email=${encodeURIComponent(email)}`);
}

export async function signInWithGitHub(formData: FormData) {
  if (!githubEnabled()) redirect("/sign-in");
  await signIn("github", { redirectTo: safeCallbackPath(formData.get("callbackUrl")) });
}
