import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { CreatePolicyButton, RevertPolicyButton } from "@/components/policies/policy-buttons";
import { can, type Principal } from "@/lib/access/principal";
import { formatDateTime } from "@/lib/format";
import { listPolicies, SUGGESTION_MIN_CASES, SUGGESTION_MIN_UNCHANGED_RATE, suggestPolicies } from "@/lib/policies";
import { actorKey, resolveActors } from "@/lib/teams/actors";

const SOURCE_LABEL = {
  workflow: "Declared in the workflow",
  manual: "Team policy",
  suggestion: "Team policy (from a suggestion)",
} as const;

/**
 * Policies as code on the analytics page: gates people approve unchanged almost always (the
 * candidates), and the policies in force or reverted, with who made them and when.
 */
export async function PoliciesSection({ principal, workflowName }: { principal: Principal; workflowName: (id: string) => string }) {
  const [suggestions, policies] = await Promise.all([suggestPolicies({ principal }), listPolicies({ principal })]);
  const canManage = can(principal, "policies.manage");
  const actors = await resolveActors({
    teamId: principal.teamId,
    actors: policies.flatMap((p) => [p.createdBy, p.revokedBy].filter((a) => a !== null)),
  });
  const who = (actor: { type: string; id: string } | null) => (actor ? (actors.get(actorKey(actor))?.label ?? actor.id) : "");
  const where = (p: { workflow: string; queue: string | null; title: string | null }) =>
    [workflowName(p.workflow), p.queue ? `queue ${p.queue}` : "every queue", p.title ? `“${p.title}”` : "every gate"].join(" · ");

  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Auto-decision policies</h2>
        </CardTitle>
        <CardDescription>
          Gates whose last {SUGGESTION_MIN_CASES} decisions were approvals of the draft unchanged in at least{" "}
          {Math.round(SUGGESTION_MIN_UNCHANGED_RATE * 100)}% of cases can be approved by a policy instead of a person. Every policy decision
          is in the audit log; a policy can be reverted at any time.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        <section aria-labelledby="policy-suggestions-heading" className="grid gap-2">
          <h3 id="policy-suggestions-heading" className="font-medium">
            Suggestions
          </h3>
          {suggestions.length === 0 ? (
            <p className="text-muted-foreground text-sm">No gate qualifies yet.</p>
          ) : (
            <Table>
              <caption className="sr-only">Suggested policies</caption>
              <TableHeader>
                <TableRow>
                  <TableHead scope="col">Gate</TableHead>
                  <TableHead scope="col">Approved unchanged</TableHead>
                  <TableHead scope="col">Proposed rule</TableHead>
                  <TableHead scope="col">
                    <span className="sr-only">Action</span>
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {suggestions.map((s) => (
                  <TableRow key={`${s.workflow}/${s.queue}/${s.title}`}>
                    <TableHead scope="row" className="font-normal whitespace-normal">
                      {where(s)}
                    </TableHead>
                    <TableCell className="tabular-nums">
                      {s.approved} of {s.cases}
                    </TableCell>
                    <TableCell>
                      approve when <code>{s.summary}</code>
                    </TableCell>
                    <TableCell className="text-right">
                      {canManage ? (
                        <CreatePolicyButton workflow={s.workflow} queue={s.queue} title={s.title} />
                      ) : (
                        <span className="text-muted-foreground text-xs">An owner or admin can create it</span>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </section>

        <section aria-labelledby="policies-heading" className="grid gap-2">
          <h3 id="policies-heading" className="font-medium">
            Policies
          </h3>
          {policies.length === 0 ? (
            <p className="text-muted-foreground text-sm">No policies: every task waits for a person.</p>
          ) : (
            <Table>
              <caption className="sr-only">Policies</caption>
              <TableHeader>
                <TableRow>
                  <TableHead scope="col">Rule</TableHead>
                  <TableHead scope="col">Applies to</TableHead>
                  <TableHead scope="col">Source</TableHead>
                  <TableHead scope="col">Status</TableHead>
                  <TableHead scope="col">
                    <span className="sr-only">Action</span>
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {policies.map((p) => (
                  <TableRow key={p.id} data-testid="policy-row">
                    <TableHead scope="row" className="font-normal whitespace-normal">
                      {p.action} when <code>{p.summary}</code>
                    </TableHead>
                    <TableCell className="whitespace-normal">{where(p)}</TableCell>
                    <TableCell className="whitespace-normal">
                      {SOURCE_LABEL[p.source]}
                      {p.createdAt && (
                        <span className="text-muted-foreground block text-xs">
                          by {who(p.createdBy)}, {formatDateTime(p.createdAt)}
                        </span>
                      )}
                    </TableCell>
                    <TableCell className="whitespace-normal">
                      {p.revokedAt ? (
                        <>
                          <Badge variant="secondary">Reverted</Badge>
                          <span className="text-muted-foreground block text-xs">
                            by {who(p.revokedBy)}, {formatDateTime(p.revokedAt)}
                          </span>
                        </>
                      ) : (
                        <Badge variant="success">Active</Badge>
                      )}
                    </TableCell>
                    <TableCell className="text-right">
                      {canManage && p.source !== "workflow" && !p.revokedAt && <RevertPolicyButton policyId={p.id} summary={p.summary} />}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </section>
      </CardContent>
    </Card>
  );
}
