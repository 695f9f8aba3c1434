import { queueVisibility } from "@/lib/access/visibility";
import type { Metadata } from "next";
import Link from "next/link";
import { ArrowRightIcon, DownloadIcon, MessageSquareDiffIcon } from "lucide-react";
import { z } from "zod";
import { EmptyState } from "@/components/empty-state";
import { FeedbackItem } from "@/components/feedback/feedback-item";
import { PageContainer, PageHeader } from "@/components/page-header";
import { ParamSelect } from "@/components/runs/param-select";
import { Button } from "@/components/ui/button";
import { requireTeamContext } from "@/lib/auth/current";
import { assertCan } from "@/lib/access/principal";
import { listFeedback } from "@/lib/feedback";
import { WORKFLOWS } from "@/lib/workflows";
import { firstParam, type SearchParams } from "@/lib/utils";

export const metadata: Metadata = { title: "Feedback" };

const PAGE_SIZE = 20;
const query = z.object({
  workflow: z.string().trim().min(1).max(100).optional().catch(undefined),
  cursor: z.string().trim().min(1).max(100).optional().catch(undefined),
});

const href = (params: Record<string, string | undefined>, path = "/feedback") => {
  const q = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1]))).toString();
  return q ? `${path}?${q}` : path;
};

/** The feedback sink: every human edit of an agent's draft, with its diff, exportable as JSONL. */
export default async function FeedbackPage({ searchParams }: { searchParams: SearchParams }) {
  const { principal } = await requireTeamContext();
  assertCan(principal, "feedback.read");
  const raw = await searchParams;
  const q = query.parse({ workflow: firstParam(raw.workflow), cursor: firstParam(raw.cursor) });
  const visible = (await queueVisibility(principal)).feedbackFilter();
  const page = await listFeedback({ teamId: principal.teamId, workflow: q.workflow, cursor: q.cursor, limit: PAGE_SIZE, visible });
  const names = Object.fromEntries(Object.values(WORKFLOWS).map((w) => [w.id, w.name]));

  return (
    <PageContainer>
      <PageHeader
        title="Feedback"
        description="Every edit a reviewer made to an agent's draft, in the order they happened: training data for better drafts."
        actions={
          <Button asChild variant="outline" size="sm">
            <a
              href={href({ format: "jsonl", workflow: q.workflow }, "/api/v1/feedback")}
              download={`feedback${q.workflow ? `-${q.workflow}` : ""}.jsonl`}
            >
              <DownloadIcon />
              Download JSONL
            </a>
          </Button>
        }
      />
      <div className="flex flex-wrap items-center justify-end gap-2">
        {q.workflow && names[q.workflow] && (
          <Button asChild variant="ghost" size="sm">
            <Link href={`/workflows/${encodeURIComponent(q.workflow)}/examples`}>Curate {names[q.workflow]} examples</Link>
          </Button>
        )}
        <ParamSelect
          param="workflow"
          label="Filter by workflow"
          allLabel="All workflows"
          options={Object.entries(names).map(([value, label]) => ({ value, label }))}
        />
      </div>
      {page.items.length === 0 ? (
        <EmptyState
          icon={MessageSquareDiffIcon}
          title={q.cursor ? "No more edits" : q.workflow ? `No edits for ${names[q.workflow] ?? q.workflow} yet` : "No edits yet"}
          description="When a reviewer edits a draft instead of approving it as is, the original, the edited version and their diff land here."
          action={
            (q.workflow || q.cursor) && (
              <Button asChild variant="outline" size="sm">
                <Link href="/feedback">Show all edits</Link>
              </Button>
            )
          }
        />
      ) : (
        <div className="grid gap-3">
          {page.items.map((item) => (
            <FeedbackItem key={item.id} item={item} workflowName={item.workflow ? names[item.workflow] : undefined} />
          ))}
        </div>
      )}
      {(q.cursor || page.nextCursor) && (
        <nav aria-label="Pagination" className="flex items-center justify-between gap-2">
          {q.cursor ? (
            <Button asChild variant="ghost" size="sm">
              <Link href={href({ workflow: q.workflow })}>Back to the first edits</Link>
            </Button>
          ) : (
            <span />
          )}
          {page.nextCursor && (
            <Button asChild variant="outline" size="sm">
              <Link href={href({ workflow: q.workflow, cursor: page.nextCursor })}>
                Later edits
                <ArrowRightIcon />
              </Link>
            </Button>
          )}
        </nav>
      )}
    </PageContainer>
  );
}
