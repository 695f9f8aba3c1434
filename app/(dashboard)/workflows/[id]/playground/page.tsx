import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ChevronLeftIcon } from "lucide-react";
import { PageContainer, PageHeader } from "@/components/page-header";
import type { JsonSchema } from "@/components/forms/json-schema";
import { Playground } from "@/components/playground/playground";
import { requireTeamContext } from "@/lib/auth/current";
import { roleCan } from "@/lib/access/permissions";
import { getWorkflow, workflowInputJsonSchema } from "@/lib/workflows";

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const def = getWorkflow(decodeURIComponent((await params).id));
  return { title: def ? `${def.name} · useStream playground` : "Workflow not found" };
}

/** Runs the workflow from the browser with LangGraph's `useStream` against /api/langgraph. */
export default async function PlaygroundPage({ params }: { params: Params }) {
  const { principal } = await requireTeamContext();
  const def = getWorkflow(decodeURIComponent((await params).id));
  if (!def) notFound();
  const { $schema: _ignored, ...schema } = workflowInputJsonSchema(def) as JsonSchema;
  return (
    <PageContainer className="max-w-3xl">
      <div className="grid gap-3">
        <Link
          href={`/workflows/${encodeURIComponent(def.id)}`}
          className="inline-flex w-fit items-center gap-1 rounded-sm text-sm text-muted-foreground outline-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50"
        >
          <ChevronLeftIcon className="size-4" aria-hidden />
          {def.name}
        </Link>
        <PageHeader
          title={`${def.name} with useStream`}
          description="LangGraph's React hook (@langchain/langgraph-sdk/react) streaming this workflow from /api/langgraph; answer its interrupt here."
        />
      </div>
      <Playground workflow={{ id: def.id, name: def.name, inputSchema: schema }} canStart={roleCan(principal.role, "runs.create")} />
    </PageContainer>
  );
}
