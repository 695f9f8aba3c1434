import { z } from "zod";
import { contentDraft } from "./content-draft";
import { emailOutreach } from "./email-outreach";
import { declarePolicies } from "@/lib/policies/registry";
import { registerOfflineReplies } from "./model";
import { opsAgent } from "./ops-agent";
import { refund } from "./refund";
import { supportTriage } from "./support-triage";
import { TEST_WORKFLOWS } from "./testing";
import type { WorkflowDefinition } from "./types";

/** The registry: one line here (or `registerWorkflow()` at runtime) makes a workflow startable over the API and the dashboard. */
export const WORKFLOWS: Record<string, WorkflowDefinition> = {};
/** Child workflows (a definition's `children`, run by `fanOut()`): the engine runs them, the API does not start them. */
const CHILD_WORKFLOWS: Record<string, WorkflowDefinition> = {};

/** Adds a workflow at runtime (plugins, tests). Ids are unique: registering one twice is an error. */
export function registerWorkflow(def: WorkflowDefinition) {
  if (getWorkflow(def.id)) throw new Error(`Workflow '${def.id}' is already registered.`);
  for (const child of def.children ?? []) {
    if (getWorkflow(child.id)) throw new Error(`Workflow '${child.id}' is already registered.`);
    registerOfflineReplies(child.id, child.offlineReplies);
    CHILD_WORKFLOWS[child.id] = child;
  }
  registerOfflineReplies(def.id, def.offlineReplies);
  declarePolicies(def.id, def.policies);
  WORKFLOWS[def.id] = def;
}

for (const def of [emailOutreach, refund, supportTriage, contentDraft, opsAgent]) registerWorkflow(def);
// Suites that drive the production server (tests/http) start it with ACL_TEST_WORKFLOWS=1.
if (process.env.ACL_TEST_WORKFLOWS === "1") for (const def of TEST_WORKFLOWS) registerWorkflow(def);

/** A registered workflow, child workflows included (the engine runs those too). */
export function getWorkflow(id: string): WorkflowDefinition | undefined {
  if (Object.hasOwn(WORKFLOWS, id)) return WORKFLOWS[id];
  return Object.hasOwn(CHILD_WORKFLOWS, id) ? CHILD_WORKFLOWS[id] : undefined;
}

export function isChildWorkflow(id: string): boolean {
  return Object.hasOwn(CHILD_WORKFLOWS, id);
}

export function workflowInputJsonSchema(def: WorkflowDefinition) {
  return z.toJSONSchema(def.inputSchema, { io: "input", unrepresentable: "any" });
}

export function listWorkflows() {
  return Object.values(WORKFLOWS).map((w) => ({
    id: w.id,
    name: w.name,
    description: w.description,
    inputSchema: workflowInputJsonSchema(w),
  }));
}

/**
 * The workflow's own one-line summary of a run's input (its `summarize`), or null when it
 * declares none or its summary fails on this input (runs started before a schema change).
 */
export function declaredRunSummary(workflow: string, input: unknown): string | null {
  const summarize = getWorkflow(workflow)?.summarize;
  if (!summarize) return null;
  try {
    const text = summarize(input);
    return typeof text === "string" && text.trim() ? text.trim().slice(0, 300) : null;
  } catch {
    return null;
  }
}

export type { WorkflowDefinition } from "./types";
