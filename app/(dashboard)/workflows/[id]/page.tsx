import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ChevronLeftIcon } from "lucide-react";
import { PageContainer, PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { InlineCode } from "@/components/workflows/inline-code";
import { StartRunForm } from "@/components/workflows/start-run-form";
import type { JsonSchema } from "@/components/forms/json-schema";
import { requireTeamContext } from "@/lib/auth/current";
import { roleCan } from "@/lib/access/permissions";
import { getWorkflow, workflowInputJsonSchema } from "@/lib/workflows";

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const def = getWorkflow(decodeURIComponent((await params).id));
  return { title: def ? `Start ${def.name}` : "Workflow not found" };
}

/** Start a run: a form generated from the workflow's input schema, submitted by a server action. */
export default async function WorkflowPage({ params }: { params: Params }) {
  const { principal } = await requireTeamContext();
  const def = getWorkflow(decodeURIComponent((await params).id));
  if (!def) notFound();
  const canStart = roleCan(principal.role, "runs.create");
  const { $schema: _ignored, ...schema } = workflowInputJsonSchema(def) as JsonSchema;
  return (
    <PageContainer className="max-w-3xl">
      <div className="grid gap-3">
        <Link
          href="/workflows"
          className="inline-flex w-fit items-center gap-1 rounded-sm text-sm text-muted-foreground outline-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50"
        >
          <ChevronLeftIcon className="size-4" aria-hidden />
          Workflows
        </Link>
        <PageHeader
          title={def.name}
          description={<InlineCode text={def.description} />}
          actions={
            <>
              <Button asChild variant="outline" size="sm">
                <Link href={`/workflows/${encodeURIComponent(def.id)}/examples`}>Examples</Link>
              </Button>
              <Button asChild variant="outline" size="sm">
                <Link href={`/workflows/${encodeURIComponent(def.id)}/playground`}>Try it with useStream</Link>
              </Button>
            </>
          }
        />
      </div>
      <StartRunForm workflow={{ id: def.id, name: def.name, inputSchema: schema }} canStart={canStart} />
    </PageContainer>
  );
}
