import type { Metadata } from "next";
import Link from "next/link";
import { MailCheckIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { mailTransportName } from "@/lib/mail";
import type { SearchParams } from "@/lib/utils";

export const metadata: Metadata = { title: "Check your email" };

export default async function VerifyPage({ searchParams }: { searchParams: SearchParams }) {
  const { email } = await searchParams;
  const address = typeof email === "string" && email.includes("@") ? email : null;
  const devMailbox = mailTransportName() === "development";

  return (
    <Card className="gap-5">
      <CardHeader>
        <div className="mb-2 grid size-10 place-items-center rounded-full bg-muted">
          <MailCheckIcon className="size-5" aria-hidden />
        </div>
        <CardTitle className="text-xl">
          <h1>Check your email</h1>
        </CardTitle>
        <CardDescription>
          We sent a sign-in link to {address ? <strong className="text-foreground">{address}</strong> : "your address"}. It works once and
          expires in 30 minutes.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4 text-sm">
        {devMailbox && (
          <p className="rounded-md border bg-muted/50 p-3 text-muted-foreground">
            No email provider is configured, so the message is held in the development mailbox. Read it with{" "}
            <code className="font-mono text-xs text-foreground">npm run cli -- mail:list{address ? ` --to ${address}` : ""}</code>.
          </p>
        )}
        <Button asChild variant="outline">
          <Link href={address ? `/sign-in?email=${encodeURIComponent(address)}` : "/sign-in"}>Use a different address</Link>
        </Button>
      </CardContent>
    </Card>
  );
}
