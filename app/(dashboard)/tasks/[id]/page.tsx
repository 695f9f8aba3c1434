import type { Metadata } from "next";
import { PageContainer } from "@/components/page-header";
import { PayloadView } from "@/components/payload/payload-view";
import { DecisionSummary } from "@/components/tasks/decision-summary";
import { schemaLabels } from "@/components/tasks/edit-schema";
import { RunOverviewCard } from "@/components/tasks/run-overview-card";
import { TaskHeader } from "@/components/tasks/task-header";
import { TaskProperties } from "@/components/tasks/task-properties";
import { QuorumProgress } from "@/components/tasks/quorum-progress";
import { TaskQuestion } from "@/components/tasks/task-question";
import { ReadOnlyNote } from "@/components/tasks/read-only-note";
import { TaskWorkspace } from "@/components/tasks/task-workspace";
import type { DecisionView, RunOverview } from "@/components/tasks/types";
import { requireTeamContext } from "@/lib/auth/current";
import { queueVisibility } from "@/lib/access/visibility";
import { getRunOrThrow } from "@/lib/engine/runs";
import { firstParam, type SearchParams } from "@/lib/utils";
import { declaredRunSummary, getWorkflow } from "@/lib/workflows";
import { loadPeople } from "@/lib/teams";
import { WebhookDeliveriesCard, type WebhookDeliveryView } from "@/components/tasks/webhook-deliveries-card";
import { can } from "@/lib/access/principal";
import { listTaskDeliveries } from "@/lib/webhooks/deliveries";
import { loadTask } from "./load-task";
import { questionKey, suggestAnswers } from "@/lib/answers";

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const task = await loadTask((await params).id);
  return { title: task.title };
}

export default async function TaskPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const [{ id }, query, { principal }] = await Promise.all([params, searchParams, requireTeamContext()]);
  const task = await loadTask(id);
  const visibility = await queueVisibility(principal);
  // Past answers to the same question in the same workflow, for a clarification answered in words.
  const key = task.status === "pending" && task.workflow && task.allowed.includes("respond") ? questionKey(task.question) : null;
  const [people, run, deliveryRows, suggestions] = await Promise.all([
    loadPeople(principal.teamId),
    task.runId ? getRunOrThrow({ teamId: principal.teamId, runId: task.runId, visible: visibility.runs() }).catch(() => null) : null,
    listTaskDeliveries({ teamId: principal.teamId, taskId: task.id }),
    key && task.workflow ? suggestAnswers(principal, { workflow: task.workflow, questionKey: key }) : [],
  ]);
  const deliveries: WebhookDeliveryView[] = deliveryRows.map((d) => ({
    id: d.id,
    type: d.type,
    url: d.url,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
  }));
  const canDecide = visibility.canWork(task.queue);
  const decision: DecisionView | null = task.decision && {
    action: task.decision.action,
    by: people.actor(task.decision.actor),
    byCurrentUser: task.decision.actor.type === "user" && task.decision.actor.id === principal.actor.id,
    at: task.decision.at,
    comment: task.decision.comment,
    response: task.decision.response,
    payload: task.decision.payload,
  };
  const runOverview: RunOverview | null = run && {
    id: run.id,
    workflow: run.workflow,
    status: run.status,
    input: run.input,
    summary: declaredRunSummary(run.workflow, run.input),
    createdAt: run.createdAt,
  };
  const payloadView = <PayloadView payload={task.payload} workflow={task.workflow} schema={task.schema} />;

  return (
    <PageContainer className="max-w-6xl">
      <TaskHeader task={task} />
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <div className="grid min-w-0 gap-4">
          {task.question && <TaskQuestion question={task.question} confidence={task.confidence} />}
          {task.quorum > 1 && task.status === "pending" && (
            <QuorumProgress
              needed={task.quorum}
              by={task.approvals.map((a) => people.actor(a.actor, principal.actor.id))}
              approvedByYou={task.approvals.some((a) => a.actor.type === principal.actor.type && a.actor.id === principal.actor.id)}
            />
          )}
          {task.status === "pending" && canDecide ? (
            <TaskWorkspace
              key={`${task.id}:${task.status}:${task.seenHash}`}
              task={task}
              payloadView={payloadView}
              initialEdit={firstParam(query.edit) === "1"}
              answerSuggestions={suggestions.map((s) => ({ id: s.id, response: s.response, uses: s.uses }))}
            />
          ) : (
            <>
              {task.status !== "pending" && <DecisionSummary task={task} decision={decision} labels={schemaLabels(task.schema)} />}
              {task.status === "pending" && <ReadOnlyNote role={principal.role} queue={task.queue} />}
              <section aria-label={decision?.action === "edit" ? "Original proposal" : "Proposal"} className="grid gap-2">
                <h2 className="text-sm font-medium">
                  {decision?.action === "edit"
                    ? "Original proposal"
                    : task.kind === "clarification"
                      ? "What the agent was looking at"
                      : "Proposed action"}
                </h2>
                {payloadView}
              </section>
            </>
          )}
        </div>
        <aside className="grid gap-4 lg:sticky lg:top-6">
          <TaskProperties task={task} assignee={people.user(task.assignee)} />
          <RunOverviewCard run={runOverview} workflowName={run ? getWorkflow(run.workflow)?.name : undefined} />
          {deliveries.length > 0 && (
            <WebhookDeliveriesCard taskId={task.id} deliveries={deliveries} canResend={can(principal, "webhooks.resend")} />
          )}
        </aside>
      </div>
    </PageContainer>
  );
}
