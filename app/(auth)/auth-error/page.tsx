import type { Metadata } from "next";
import Link from "next/link";
import { TriangleAlertIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { SearchParams } from "@/lib/utils";

export const metadata: Metadata = { title: "Sign-in problem" };

const MESSAGES: Record<string, { title: string; body: string }> = {
  Verification: {
    title: "This sign-in link no longer works",
    body: "Links work once and expire after 30 minutes. Ask for a new one.",
  },
  OAuthAccountNotLinked: {
    title: "Use the method you signed in with before",
    body: "This email address already has an account. Sign in with an email link instead.",
  },
  AccessDenied: { title: "Access denied", body: "You may not sign in with this account." },
  Configuration: {
    title: "Sign-in is misconfigured",
    body: "The server could not complete the sign-in. An operator should check the server log.",
  },
  EmailSignin: { title: "We could not send the email", body: "Try again in a moment." },
};
const FALLBACK = { title: "Sign-in failed", body: "Something went wrong while signing you in. Try again." };

export default async function AuthErrorPage({ searchParams }: { searchParams: SearchParams }) {
  const { error } = await searchParams;
  const message = (typeof error === "string" && MESSAGES[error]) || FALLBACK;
  return (
    <Card className="gap-5">
      <CardHeader>
        <div className="mb-2 grid size-10 place-items-center rounded-full bg-destructive/10 text-destructive">
          <TriangleAlertIcon className="size-5" aria-hidden />
        </div>
        <CardTitle className="text-xl">
          <h1>{message.title}</h1>
        </CardTitle>
        <CardDescription>{message.body}</CardDescription>
      </CardHeader>
      <CardContent>
        <Button asChild className="w-full">
          <Link href="/sign-in">Back to sign in</Link>
        </Button>
      </CardContent>
    </Card>
  );
}
