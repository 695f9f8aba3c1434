import type { Metadata } from "next";
import Link from "next/link";
import { ArrowRightIcon, WorkflowIcon } from "lucide-react";
import { EmptyState } from "@/components/empty-state";
import { PageContainer, PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { requireTeamContext } from "@/lib/auth/current";
import { roleCan } from "@/lib/access/permissions";
import { listWorkflows } from "@/lib/workflows";
import { humanize } from "@/components/forms/json-schema";
import { InlineCode } from "@/components/workflows/inline-code";

export const metadata: Metadata = { title: "Workflows" };

/** The registered workflows; each links to a form generated from its input schema. */
export default async function WorkflowsPage() {
  const { principal } = await requireTeamContext();
  const canStart = roleCan(principal.role, "runs.create");
  const workflows = listWorkflows();
  return (
    <PageContainer>
      <PageHeader
        title="Workflows"
        description={
          canStart
            ? "Start a run from the dashboard. Agents start the same workflows with POST /api/v1/runs."
            : "The workflows your team's agents run. Your role can view them but not start runs."
        }
      />
      {workflows.length === 0 ? (
        <EmptyState
          icon={WorkflowIcon}
          title="No workflows registered"
          description="Register a workflow in lib/workflows/index.ts to start it here."
        />
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2">
          {workflows.map((w) => {
            const props = Object.keys((w.inputSchema as { properties?: Record<string, unknown> }).properties ?? {});
            return (
              <li key={w.id}>
                <Link
                  href={`/workflows/${encodeURIComponent(w.id)}`}
                  className="group flex h-full flex-col gap-3 rounded-xl border bg-card p-4 outline-none transition-colors hover:bg-accent/50 focus-visible:ring-[3px] focus-visible:ring-ring/50"
                >
                  <div className="flex items-start justify-between gap-2">
                    <div className="grid gap-0.5">
                      <h2 className="font-medium">{w.name}</h2>
                      <code className="font-mono text-xs text-muted-foreground">{w.id}</code>
                    </div>
                    <ArrowRightIcon className="size-4 text-muted-foreground transition-transform group-hover:translate-x-0.5" aria-hidden />
                  </div>
                  <p className="text-sm text-muted-foreground">
                    <InlineCode text={w.description} />
                  </p>
                  {props.length > 0 && (
                    <div className="mt-auto flex flex-wrap gap-1" aria-label="Inputs">
                      {props.map((p) => (
                        <Badge key={p} variant="secondary" className="font-normal">
                          {humanize(p)}
                        </Badge>
                      ))}
                    </div>
                  )}
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </PageContainer>
  );
}
