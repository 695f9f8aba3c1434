import { z } from "zod";
import { policyRuleSchema, type PolicyRule, type WorkflowPolicy } from "./rules";

/**
 * The workflows' declared policies, filled by lib/workflows' registerWorkflow (as the offline
 * replies are): the engine's hook reads them here, so lib/policies never imports the workflows.
 * Declarations are checked when the workflow is registered: a wrong one stops the process at
 * start, naming the workflow and the policy, instead of failing runs later.
 */
export interface DeclaredPolicy {
  /** `<workflow>.<id>`: the decision's actor is `system:policy:<workflow>.<id>`. */
  id: string;
  workflow: string;
  queue: string | null;
  title: string | null;
  rule: PolicyRule;
  action: "approve" | "reject";
  comment: string | null;
}

const declaredPolicySchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,60}$/, "an id of letters, digits, - and _"),
  queue: z.string().min(1).max(100).optional(),
  title: z.string().min(1).max(500).optional(),
  when: policyRuleSchema,
  decide: z.enum(["approve", "reject"]),
  comment: z.string().max(500).optional(),
});

const declared = new Map<string, DeclaredPolicy[]>();

export function declarePolicies(workflow: string, policies: WorkflowPolicy[] | undefined) {
  const list = (policies ?? []).map((p, i): DeclaredPolicy => {
    const parsed = declaredPolicySchema.safeParse(p);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`Workflow '${workflow}' declares an invalid policy (policies[${i}].${issue.path.join(".")}): ${issue.message}`);
    }
    const d = parsed.data;
    return {
      id: `${workflow}.${d.id}`,
      workflow,
      queue: d.queue ?? null,
      title: d.title ?? null,
      rule: d.when,
      action: d.decide,
      comment: d.comment ?? null,
    };
  });
  const ids = list.map((p) => p.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) throw new Error(`Workflow '${workflow}' declares the policy '${twice}' twice.`);
  declared.set(workflow, list);
}

/** The declared policies of one workflow (none for an unknown one). */
export const declaredPoliciesOf = (workflow: string): DeclaredPolicy[] => declared.get(workflow) ?? [];
/** Every registered workflow's declared policies. */
export const allDeclaredPolicies = (): DeclaredPolicy[] => [...declared.values()].flat();
/** Is this a registered workflow (team policies may only name those)? */
export const isRegisteredWorkflow = (workflow: string) => declared.has(workflow);
