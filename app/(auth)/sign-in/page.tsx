import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { githubEnabled } from "@/auth.config";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getSessionUser } from "@/lib/auth/current";
import { safeCallbackPath } from "@/lib/auth/redirects";
import { acceptPendingInvitations } from "@/lib/teams";
import { SignInForm } from "./sign-in-form";
import type { SearchParams } from "@/lib/utils";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  const user = await getSessionUser();
  if (user) {
    // Already signed in, e.g. following an invitation email: join any team that invited this address.
    await acceptPendingInvitations({ userId: user.id });
    redirect(callbackUrl);
  }
  const email = typeof params.email === "string" ? params.email : "";

  return (
    <Card className="gap-5">
      <CardHeader>
        <CardTitle className="text-xl">
          <h1>Sign in</h1>
        </CardTitle>
        <CardDescription>
          {email ? "Accept your invitation by signing in with this address." : "We'll email you a link to sign in. No password needed."}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <SignInForm defaultEmail={email} callbackUrl={callbackUrl} github={githubEnabled()} />
      </CardContent>
    </Card>
  );
}
