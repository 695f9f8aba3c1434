import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowRightIcon, ChevronLeftIcon, DownloadIcon, MessageSquareDiffIcon } from "lucide-react";
import { z } from "zod";
import { EmptyState } from "@/components/empty-state";
import { ExampleControls } from "@/components/feedback/example-controls";
import { FeedbackItem } from "@/components/feedback/feedback-item";
import { PageContainer, PageHeader } from "@/components/page-header";
import { ParamSelect } from "@/components/runs/param-select";
import { Button } from "@/components/ui/button";
import { assertCan } from "@/lib/access/principal";
import { roleCan } from "@/lib/access/permissions";
import { queueVisibility } from "@/lib/access/visibility";
import { requireTeamContext } from "@/lib/auth/current";
import { EXAMPLE_STATUSES } from "@/lib/contract";
import { listFeedback } from "@/lib/feedback";
import { getWorkflow } from "@/lib/workflows";
import { firstParam, type SearchParams } from "@/lib/utils";

type Params = Promise<{ id: string }>;
const PAGE_SIZE = 20;
const query = z.object({
  status: z.enum(EXAMPLE_STATUSES).optional().catch(undefined),
  cursor: z.string().trim().min(1).max(100).optional().catch(undefined),
});
const STATUS_LABEL = { candidate: "Not reviewed", promoted: "Promoted", retired: "Retired" } as const;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const def = getWorkflow(decodeURIComponent((await params).id));
  return { title: def ? `${def.name}: examples` : "Workflow not found" };
}

const href = (path: string, params: Record<string, string | undefined>) => {
  const q = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1]))).toString();
  return q ? `${path}?${q}` : path;
};

/** One workflow's human edits as few-shot examples: reviewers promote the good ones and retire the rest. */
export default async function WorkflowExamplesPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { principal } = await requireTeamContext();
  assertCan(principal, "feedback.read");
  const def = getWorkflow(decodeURIComponent((await params).id));
  if (!def) notFound();
  const raw = await searchParams;
  const q = query.parse({ status: firstParam(raw.status), cursor: firstParam(raw.cursor) });
  const page = await listFeedback({
    teamId: principal.teamId,
    workflow: def.id,
    exampleStatus: q.status,
    cursor: q.cursor,
    limit: PAGE_SIZE,
    visible: (await queueVisibility(principal)).feedbackFilter(),
  });
  const canCurate = roleCan(principal.role, "feedback.curate");
  const path = `/workflows/${encodeURIComponent(def.id)}/examples`;
  const exportHref = (format: string) => href("/api/v1/feedback/export", { format, workflow: def.id, exampleStatus: q.status });

  return (
    <PageContainer>
      <div className="grid gap-3">
        <Link
          href={`/workflows/${encodeURIComponent(def.id)}`}
          className="inline-flex w-fit items-center gap-1 rounded-sm text-sm text-muted-foreground outline-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50"
        >
          <ChevronLeftIcon className="size-4" aria-hidden />
          {def.name}
        </Link>
        <PageHeader
          title={`${def.name}: examples`}
          description="What reviewers made of this workflow's drafts. Promoted edits are the few-shot examples of its next drafts (latest first); edits not reviewed yet fill the remaining places; retired ones are never used."
          actions={
            <>
              <Button asChild variant="outline" size="sm">
                <a href={exportHref("openai")} download={`${def.id}-examples-openai.jsonl`}>
                  <DownloadIcon />
                  OpenAI fine-tuning JSONL
                </a>
              </Button>
              <Button asChild variant="outline" size="sm">
                <a href={exportHref("pairs")} download={`${def.id}-examples-pairs.jsonl`}>
                  <DownloadIcon />
                  Prompt/completion pairs
                </a>
              </Button>
            </>
          }
        />
      </div>
      <div className="flex justify-end">
        <ParamSelect
          param="status"
          label="Filter by example status"
          allLabel="All edits"
          options={EXAMPLE_STATUSES.map((value) => ({ value, label: STATUS_LABEL[value] }))}
        />
      </div>
      {page.items.length === 0 ? (
        <EmptyState
          icon={MessageSquareDiffIcon}
          title={q.status ? `No ${STATUS_LABEL[q.status].toLowerCase()} edits` : "No edits yet"}
          description="When a reviewer edits one of this workflow's drafts, the edit lands here as a candidate example."
        />
      ) : (
        <div className="grid gap-3">
          {page.items.map((item) => (
            <FeedbackItem
              key={item.id}
              item={item}
              workflowName={def.name}
              actions={<ExampleControls feedbackId={item.id} status={item.exampleStatus} canCurate={canCurate} />}
            />
          ))}
        </div>
      )}
      {page.nextCursor && (
        <nav aria-label="Pagination" className="flex justify-end">
          <Button asChild variant="outline" size="sm">
            <Link href={href(path, { status: q.status, cursor: page.nextCursor })}>
              Later edits
              <ArrowRightIcon />
            </Link>
          </Button>
        </nav>
      )}
    </PageContainer>
  );
}
