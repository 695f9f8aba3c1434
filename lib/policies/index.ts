import "server-only";
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type DbOrTx } from "@/db/client";
import { policies, tasks, type Actor, type Decision, type PolicyRow, type TaskRow } from "@/db/schema";
import { assertCan, type Principal } from "@/lib/access/principal";
import { queueVisibility } from "@/lib/access/visibility";
import { recordAudit } from "@/lib/audit";
import { AppError, notFound } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { enqueueAdvance, resumedRunId } from "@/lib/jobs";
import { allDeclaredPolicies, declaredPoliciesOf, isRegisteredWorkflow } from "./registry";
import { describeRule, policyRuleSchema, ruleMatches, type PolicyRule } from "./rules";

export { describeRule, policyRuleSchema, ruleMatches, ruleProblem, type PolicyRule, type WorkflowPolicy } from "./rules";

/** A suggestion needs this many recent human decisions of one gate… */
export const SUGGESTION_MIN_CASES = 200;
/** …of which at least this share were approvals of the draft as it was (no edit). */
export const SUGGESTION_MIN_UNCHANGED_RATE = 0.99;
/** Numeric payload fields a suggested rule bounds at most (the rest of the payload is not constrained). */
export const SUGGESTION_MAX_FIELDS = 5;
/** Candidates listed at most. */
export const SUGGESTION_LIMIT = 20;

export type PolicyAction = "approve" | "reject";

/** One rule in force for a task, from either source, normalised. */
interface ActivePolicy {
  /** `<workflow>.<id>` for declared policies, the row id (`pol_…`) for team policies. */
  id: string;
  source: "workflow" | "team";
  queue: string | null;
  title: string | null;
  rule: PolicyRule;
  action: PolicyAction;
  comment: string | null;
}

const payloadHash = (payload: unknown) =>
  createHash("sha256")
    .update(canonicalize(payload ?? null) ?? "null")
    .digest("hex");

const fromRow = (row: PolicyRow): ActivePolicy => ({
  id: row.id,
  source: "team",
  queue: row.queue,
  title: row.title,
  rule: row.rule as PolicyRule,
  action: row.action,
  comment: null,
});

/**
 * Safety: a policy decides only an ordinary approval of a run's gate. Clarifications need an
 * answer only a person (or the answers service) gives; a quorum gate asked for several people; a
 * gate with `requesterMayDecide: false` insists on a second person's review. Those always wait.
 */
const mayAutoDecide = (task: TaskRow) =>
  task.status === "pending" &&
  task.runId !== null &&
  task.kind !== "clarification" &&
  task.quorum <= 1 &&
  task.requesterMayDecide !== false;

function matchFor(task: TaskRow, active: ActivePolicy[]): ActivePolicy | null {
  const matching = active.filter(
    (p) =>
      (p.queue === null || p.queue === task.queue) &&
      (p.title === null || p.title === task.title) &&
      task.allowed.includes(p.action) &&
      ruleMatches(p.rule, task.payload),
  );
  // Deny overrides: one matching reject outweighs any number of approvals.
  return matching.find((p) => p.action === "reject") ?? matching[0] ?? null;
}

/**
 * The engine's hook, called where a run's new tasks are inserted (lib/tasks/create.ts), inside
 * that transaction: tasks a policy decides are recorded as decided by `system:policy:<id>`,
 * audited (`task.auto_decided`, with the rule and the hash of what was decided) and their run's
 * resume is enqueued, as a person's decision would be. Returns the tasks still waiting for a
 * person (only those are notified and counted).
 */
export async function applyPolicies(db: DbOrTx, params: { teamId: string; workflow: string; tasks: TaskRow[] }): Promise<TaskRow[]> {
  const eligible = params.tasks.filter(mayAutoDecide);
  if (eligible.length === 0) return params.tasks;
  const declared: ActivePolicy[] = declaredPoliciesOf(params.workflow).map((p) => ({ ...p, source: "workflow" }));
  const team = await db
    .select()
    .from(policies)
    .where(and(eq(policies.teamId, params.teamId), eq(policies.workflow, params.workflow), isNull(policies.revokedAt)))
    .orderBy(policies.id);
  const active = [...declared, ...team.map(fromRow)];
  if (active.length === 0) return params.tasks;

  const decidedIds = new Set<string>();
  const runIds = new Set<string>();
  for (const task of eligible) {
    const policy = matchFor(task, active);
    if (!policy) continue;
    const at = new Date();
    const decision: Decision = {
      action: policy.action,
      comment:
        policy.comment ?? `${policy.action === "approve" ? "Approved" : "Rejected"} by policy ${policy.id}: ${describeRule(policy.rule)}`,
      actor: { type: "system", id: `policy:${policy.id}` },
      at: at.toISOString(),
    };
    await db.update(tasks).set({ status: "decided", decision, decidedAt: at }).where(eq(tasks.id, task.id));
    await recordAudit(db, {
      teamId: params.teamId,
      actor: decision.actor,
      action: "task.auto_decided",
      subjectType: "task",
      subjectId: task.id,
      data: {
        runId: task.runId,
        queue: task.queue,
        title: task.title,
        policyId: policy.id,
        policySource: policy.source,
        rule: policy.rule,
        action: policy.action,
        // What exactly was decided: SHA-256 of the payload as canonical JSON (RFC 8785).
        payloadHash: payloadHash(task.payload),
        after: { status: "decided", decision },
      },
    });
    decidedIds.add(task.id);
    const runId = resumedRunId(task); // workflow policies see run tasks only; null never happens here
    if (runId) runIds.add(runId);
  }
  for (const runId of runIds) await enqueueAdvance(db, runId);
  return params.tasks.filter((t) => !decidedIds.has(t.id));
}

// ---------- team policies: create, revert, list ----------

const QUEUE_NAME = /^[A-Za-z0-9._-]{1,100}$/;

export const createPolicyInputSchema = z.object({
  workflow: z.string().trim().min(1).max(100),
  queue: z.string().trim().regex(QUEUE_NAME, "a queue name").optional(),
  title: z.string().trim().min(1).max(500).optional(),
  rule: policyRuleSchema,
  action: z.enum(["approve", "reject"]),
});
export type CreatePolicyInput = z.input<typeof createPolicyInputSchema>;

export interface PolicyDto {
  id: string;
  source: "workflow" | "manual" | "suggestion";
  workflow: string;
  queue: string | null;
  title: string | null;
  rule: PolicyRule;
  /** The rule in words, e.g. `0 ≤ amount ≤ 50`. */
  summary: string;
  action: PolicyAction;
  evidence: Record<string, unknown> | null;
  createdBy: Actor | null;
  createdAt: string | null;
  revokedAt: string | null;
  revokedBy: Actor | null;
}

const toDto = (row: PolicyRow): PolicyDto => ({
  id: row.id,
  source: row.source,
  workflow: row.workflow,
  queue: row.queue,
  title: row.title,
  rule: row.rule as PolicyRule,
  summary: describeRule(row.rule),
  action: row.action,
  evidence: row.evidence ?? null,
  createdBy: row.createdBy,
  createdAt: row.createdAt.toISOString(),
  revokedAt: row.revokedAt?.toISOString() ?? null,
  revokedBy: row.revokedBy ?? null,
});

/** Owners and admins only; a policy for a queue needs that queue, one for every queue needs every queue. */
async function assertMayManage(principal: Principal, queue: string | null, db: DbOrTx) {
  assertCan(principal, "policies.manage");
  const visibility = await queueVisibility(principal, db);
  if (queue === null ? visibility.restricted : !visibility.canSee(queue)) {
    throw new AppError(
      "forbidden",
      queue === null ? "A policy for every queue needs access to every queue." : `You may not manage the '${queue}' queue.`,
    );
  }
}

/** A team policy, in force from its commit (audited `policy.created`). */
export async function createPolicy(
  params: {
    principal: Principal;
    input: CreatePolicyInput;
    source?: "manual" | "suggestion";
    evidence?: Record<string, unknown> | null;
  },
  db: DbOrTx = getDb(),
): Promise<PolicyDto> {
  assertCan(params.principal, "policies.manage");
  const input = createPolicyInputSchema.parse(params.input);
  if (!isRegisteredWorkflow(input.workflow))
    throw new AppError("unprocessable", `workflow: '${input.workflow}' is not a registered workflow.`);
  return db.transaction(async (tx) => {
    await assertMayManage(params.principal, input.queue ?? null, tx);
    const [row] = await tx
      .insert(policies)
      .values({
        id: newId("pol"),
        teamId: params.principal.teamId,
        workflow: input.workflow,
        queue: input.queue ?? null,
        title: input.title ?? null,
        rule: input.rule,
        action: input.action,
        source: params.source ?? "manual",
        evidence: params.evidence ?? null,
        createdBy: params.principal.actor,
      })
      .returning();
    await recordAudit(tx, {
      teamId: params.principal.teamId,
      actor: params.principal.actor,
      action: "policy.created",
      subjectType: "policy",
      subjectId: row!.id,
      data: {
        workflow: row!.workflow,
        queue: row!.queue,
        title: row!.title,
        rule: row!.rule,
        summary: describeRule(row!.rule),
        action: row!.action,
        source: row!.source,
        evidence: row!.evidence,
      },
    });
    return toDto(row!);
  });
}

/** Switches a team policy off (audited `policy.reverted`): the next matching task waits for a person again. */
export async function revertPolicy(params: { principal: Principal; policyId: string }, db: DbOrTx = getDb()): Promise<PolicyDto> {
  assertCan(params.principal, "policies.manage");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(policies)
      .where(and(eq(policies.id, params.policyId), eq(policies.teamId, params.principal.teamId)))
      .for("update");
    if (!row) throw notFound("policy", params.policyId);
    await assertMayManage(params.principal, row.queue, tx);
    if (row.revokedAt) throw new AppError("conflict", `Policy ${row.id} was already reverted at ${row.revokedAt.toISOString()}.`);
    const [updated] = await tx
      .update(policies)
      .set({ revokedAt: new Date(), revokedBy: params.principal.actor })
      .where(eq(policies.id, row.id))
      .returning();
    await recordAudit(tx, {
      teamId: params.principal.teamId,
      actor: params.principal.actor,
      action: "policy.reverted",
      subjectType: "policy",
      subjectId: row.id,
      data: {
        workflow: row.workflow,
        queue: row.queue,
        title: row.title,
        summary: describeRule(row.rule),
        before: { revokedAt: null },
        after: { revokedAt: updated!.revokedAt!.toISOString() },
      },
    });
    return toDto(updated!);
  });
}

/**
 * The policies this principal may see: the workflows' declared ones, then the team's (newest
 * first, reverted ones too, at most `limit`), leaving out those of queues hidden from them.
 */
export async function listPolicies(params: { principal: Principal; limit?: number }, db: DbOrTx = getDb()): Promise<PolicyDto[]> {
  assertCan(params.principal, "tasks.read");
  const visibility = await queueVisibility(params.principal, db);
  const visible = (queue: string | null) => (queue === null ? !visibility.restricted : visibility.canSee(queue));
  const rows = await db
    .select()
    .from(policies)
    .where(eq(policies.teamId, params.principal.teamId))
    .orderBy(desc(policies.id))
    .limit(params.limit ?? 100);
  const declared = allDeclaredPolicies().map((p): PolicyDto => ({
    ...p,
    source: "workflow",
    summary: describeRule(p.rule),
    evidence: null,
    createdBy: null,
    createdAt: null,
    revokedAt: null,
    revokedBy: null,
  }));
  return [...declared, ...rows.map(toDto)].filter((p) => visible(p.queue));
}

// ---------- suggestions (the analytics page) ----------

export interface PolicySuggestion {
  workflow: string;
  queue: string;
  title: string;
  /** Human decisions looked at (the most recent, at most SUGGESTION_MIN_CASES) and how many approved the draft unchanged. */
  cases: number;
  approved: number;
  rate: number;
  rule: PolicyRule;
  summary: string;
}

export const suggestionKeySchema = z.object({
  workflow: z.string().trim().min(1).max(100),
  queue: z.string().trim().regex(QUEUE_NAME, "a queue name"),
  title: z.string().min(1).max(500),
});

/**
 * The bounds a suggested rule keeps to: every top-level numeric field present in all approved
 * payloads, between the smallest and largest value people approved. A policy never decides
 * beyond what people have already approved; with no numeric field, the rule is unconditional.
 */
function proposeRule(payloads: unknown[]): PolicyRule {
  const objects = payloads.filter((p): p is Record<string, unknown> => typeof p === "object" && p !== null && !Array.isArray(p));
  if (objects.length === 0 || objects.length < payloads.length) return true;
  const fields = Object.keys(objects[0]!)
    .filter((k) => /^[A-Za-z0-9_-]{1,100}$/.test(k))
    .filter((k) => objects.every((o) => typeof o[k] === "number" && Number.isFinite(o[k])))
    .sort()
    .slice(0, SUGGESTION_MAX_FIELDS);
  const bounds = fields.map((k) => {
    const values = objects.map((o) => o[k] as number);
    return { "<=": [Math.min(...values), { var: k }, Math.max(...values)] };
  });
  if (bounds.length === 0) return true;
  return bounds.length === 1 ? bounds[0]! : { and: bounds };
}

/**
 * Gates worth a policy: (workflow, queue, title) groups whose SUGGESTION_MIN_CASES most recent
 * human decisions were approvals of the draft unchanged in at least SUGGESTION_MIN_UNCHANGED_RATE
 * of cases. Policies' own decisions do not count (a reverted policy must not suggest itself), nor
 * do tasks a policy may never decide (clarifications, quorum, standalone tasks). Gates with a
 * team policy in force are left out.
 */
export async function suggestPolicies(
  params: { principal: Principal; only?: z.infer<typeof suggestionKeySchema> },
  db: DbOrTx = getDb(),
): Promise<PolicySuggestion[]> {
  assertCan(params.principal, "tasks.read");
  const visible = (await queueVisibility(params.principal, db)).tasks();
  const eligible = and(
    eq(tasks.teamId, params.principal.teamId),
    eq(tasks.status, "decided"),
    sql`${tasks.runId} is not null`,
    sql`${tasks.kind} <> 'clarification'`,
    sql`${tasks.quorum} <= 1`,
    sql`not (${tasks.decision}->'actor'->>'type' = 'system' and ${tasks.decision}->'actor'->>'id' like 'policy:%')`,
    params.only
      ? and(eq(tasks.workflow, params.only.workflow), eq(tasks.queue, params.only.queue), eq(tasks.title, params.only.title))
      : undefined,
    visible,
  );
  const recent = db
    .select({
      workflow: tasks.workflow,
      queue: tasks.queue,
      title: tasks.title,
      action: sql<string>`${tasks.decision}->>'action'`.as("action"),
      rn: sql<number>`row_number() over (partition by ${tasks.workflow}, ${tasks.queue}, ${tasks.title} order by ${tasks.decidedAt} desc, ${tasks.id} desc)`.as(
        "rn",
      ),
    })
    .from(tasks)
    .where(eligible)
    .as("recent");
  const approvedCount = sql<string>`count(*) filter (where ${recent.action} = 'approve')`;
  const groups = await db
    .select({ workflow: recent.workflow, queue: recent.queue, title: recent.title, cases: sql<string>`count(*)`, approved: approvedCount })
    .from(recent)
    .where(sql`${recent.rn} <= ${SUGGESTION_MIN_CASES}`)
    .groupBy(recent.workflow, recent.queue, recent.title)
    .having(sql`count(*) >= ${SUGGESTION_MIN_CASES} and ${approvedCount} >= ${SUGGESTION_MIN_UNCHANGED_RATE}::float8 * count(*)`)
    .orderBy(sql`count(*) filter (where ${recent.action} = 'approve') desc`, recent.workflow, recent.queue, recent.title)
    .limit(SUGGESTION_LIMIT * 2);
  if (groups.length === 0) return [];

  const inForce = await db
    .select({ workflow: policies.workflow, queue: policies.queue, title: policies.title })
    .from(policies)
    .where(
      and(
        eq(policies.teamId, params.principal.teamId),
        isNull(policies.revokedAt),
        inArray(
          policies.workflow,
          groups.map((g) => g.workflow!),
        ),
      ),
    );
  const covered = (g: { workflow: string | null; queue: string; title: string }) =>
    inForce.some((p) => p.workflow === g.workflow && (p.queue ?? g.queue) === g.queue && (p.title ?? g.title) === g.title);

  const suggestions: PolicySuggestion[] = [];
  for (const g of groups) {
    if (!g.workflow || covered(g) || suggestions.length >= SUGGESTION_LIMIT) continue;
    const approvedPayloads = await db
      .select({ payload: tasks.payload })
      .from(tasks)
      .where(
        and(
          eligible,
          eq(tasks.workflow, g.workflow),
          eq(tasks.queue, g.queue),
          eq(tasks.title, g.title),
          sql`${tasks.decision}->>'action' = 'approve'`,
        ),
      )
      .orderBy(desc(tasks.decidedAt), desc(tasks.id))
      .limit(SUGGESTION_MIN_CASES);
    const rule = proposeRule(approvedPayloads.map((r) => r.payload));
    const cases = Number(g.cases);
    const approved = Number(g.approved);
    suggestions.push({
      workflow: g.workflow,
      queue: g.queue,
      title: g.title,
      cases,
      approved,
      rate: approved / cases,
      rule,
      summary: describeRule(rule),
    });
  }
  return suggestions;
}

/**
 * The one-click policy: the suggestion for this gate is worked out again on the server (the
 * client names the gate, never the rule), then created with its evidence (source `suggestion`).
 */
export async function createPolicyFromSuggestion(
  params: { principal: Principal; key: z.input<typeof suggestionKeySchema> },
  db: DbOrTx = getDb(),
): Promise<PolicyDto> {
  assertCan(params.principal, "policies.manage");
  const key = suggestionKeySchema.parse(params.key);
  const [suggestion] = await suggestPolicies({ principal: params.principal, only: key }, db);
  if (!suggestion) {
    throw new AppError(
      "conflict",
      `No policy is suggested for '${key.title}' in ${key.workflow}/${key.queue} any more (too few unchanged approvals, or a policy already covers it).`,
    );
  }
  return createPolicy(
    {
      principal: params.principal,
      input: { workflow: suggestion.workflow, queue: suggestion.queue, title: suggestion.title, rule: suggestion.rule, action: "approve" },
      source: "suggestion",
      evidence: { cases: suggestion.cases, approved: suggestion.approved, rate: suggestion.rate },
    },
    db,
  );
}
