import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/current";
import { acceptPendingInvitations, listMembershipsForUser } from "@/lib/teams";
import { firstParam, type SearchParams } from "@/lib/utils";
import { OnboardingForm } from "./onboarding-form";

export const metadata: Metadata = { title: "Create your team" };

export default async function OnboardingPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const creatingAnother = firstParam((await searchParams).new) === "1";
  // An invitation sent after this user signed in is picked up here instead of at the next sign-in.
  await acceptPendingInvitations({ userId: user.id });
  const teams = await listMembershipsForUser(user.id);
  if (teams.length > 0 && !creatingAnother) redirect("/");

  return (
    <Card className="gap-5">
      <CardHeader>
        <CardTitle className="text-xl">
          <h1>{teams.length ? "Create another team" : "Create your team"}</h1>
        </CardTitle>
        <CardDescription>
          A team holds your agents&apos; runs, review queues and API keys. You will be its owner and can invite reviewers next.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <OnboardingForm cancelable={teams.length > 0} />
      </CardContent>
    </Card>
  );
}
