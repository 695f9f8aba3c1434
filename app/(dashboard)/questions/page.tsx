import type { Metadata } from "next";
import Link from "next/link";
import { MessagesSquareIcon } from "lucide-react";
import { EmptyState } from "@/components/empty-state";
import { PageContainer, PageHeader } from "@/components/page-header";
import { AutoApplyToggle } from "@/components/questions/auto-apply-toggle";
import { GroupAnswer } from "@/components/questions/group-answer";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { assertCan, can } from "@/lib/access/principal";
import { listSavedAnswers } from "@/lib/answers";
import { requireTeamContext } from "@/lib/auth/current";
import { listQuestionGroups } from "@/lib/tasks/question-groups";
import { WORKFLOWS } from "@/lib/workflows";

export const metadata: Metadata = { title: "Questions" };

/**
 * Agents' clarification questions grouped by what they ask (per workflow): answer a group once
 * and every waiting run in it continues with that answer. Past answers are kept, suggested, and
 * (owners and admins) can be applied automatically to the same question from then on.
 */
export default async function QuestionsPage() {
  const { principal } = await requireTeamContext();
  assertCan(principal, "tasks.read");
  const [groups, saved] = await Promise.all([listQuestionGroups(principal), listSavedAnswers(principal)]);
  const names = Object.fromEntries(Object.values(WORKFLOWS).map((w) => [w.id, w.name]));
  const canDecide = can(principal, "tasks.decide");
  const canManage = can(principal, "answers.manage");

  return (
    <PageContainer>
      <PageHeader
        title="Questions"
        description="Questions agents are waiting on, grouped when they ask the same thing (ignoring case, spacing, punctuation, e-mail addresses and ids). One answer goes to every run in the group."
      />
      <section aria-labelledby="waiting-heading" className="grid gap-3">
        <h2 id="waiting-heading" className="text-base font-semibold">
          Waiting for an answer
        </h2>
        {groups.length === 0 ? (
          <EmptyState
            icon={MessagesSquareIcon}
            title="No questions waiting"
            description="When an agent is unsure and asks a reviewer, its question appears here with every other run asking the same."
          />
        ) : (
          <ul className="grid gap-3" aria-label="Question groups">
            {groups.map((g) => (
              <li key={`${g.workflow}:${g.questionKey}`}>
                <Card data-testid="question-group">
                  <CardHeader>
                    <CardTitle className="text-base">
                      <h3>{g.question}</h3>
                    </CardTitle>
                    <CardDescription className="flex flex-wrap items-center gap-2">
                      <Badge variant="secondary" data-testid="group-count">
                        {g.pending} waiting
                      </Badge>
                      <span>{names[g.workflow] ?? g.workflow}</span>
                      <span aria-hidden>·</span>
                      <span>queue {g.queues.join(", ")}</span>
                      <span aria-hidden>·</span>
                      <Link className="underline underline-offset-2" href={`/tasks/${g.oldestTaskId}`}>
                        Oldest task
                      </Link>
                    </CardDescription>
                  </CardHeader>
                  {canDecide && (
                    <CardContent>
                      <GroupAnswer
                        workflow={g.workflow}
                        questionKey={g.questionKey}
                        pending={g.pending}
                        suggestions={g.suggestions.map((s) => ({ id: s.id, response: s.response, uses: s.uses }))}
                      />
                    </CardContent>
                  )}
                </Card>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="saved-heading" className="grid gap-3">
        <div className="grid gap-1">
          <h2 id="saved-heading" className="text-base font-semibold">
            Saved answers
          </h2>
          <p className="text-sm text-muted-foreground">
            Every answer given to a grouped question, suggested the next time it is asked in the same workflow.
            {canManage && " An answer applied automatically answers new tasks with that question at once (audited as automatic)."}
          </p>
        </div>
        {saved.length === 0 ? (
          <p className="text-sm text-muted-foreground">No answers saved yet.</p>
        ) : (
          <ul className="grid gap-2" aria-label="Saved answers">
            {saved.map((a) => (
              <li key={a.id} className="grid gap-2 rounded-xl border p-4" data-testid="saved-answer">
                <p className="text-sm font-medium">{a.question}</p>
                <p className="text-sm whitespace-pre-wrap">{a.response}</p>
                <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-muted-foreground">
                  <span>
                    {names[a.workflow] ?? a.workflow} · given {a.uses} {a.uses === 1 ? "time" : "times"}
                    {a.auto && !canManage && " · applied automatically"}
                  </span>
                  {canManage && <AutoApplyToggle answerId={a.id} auto={a.auto} />}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </PageContainer>
  );
}
