import { z } from "zod";
import { contentDraft } from "./content-draft";
import { emailOutreach } from "./email-outreach";
import { refund } from "./refund";
import { supportTriage } from "./support-triage";
import { TEST_WORKFLOWS } from "./testing";
import type { WorkflowDefinition } from "./types";

/** The registry: add a workflow here and it is startable over the API and the dashboard. */
export const WORKFLOWS: Record<string, WorkflowDefinition> = Object.fromEntries(
  [emailOutreach, refund, supportTriage, contentDraft, ...(process.env.ACL_TEST_WORKFLOWS === "1" ? TEST_WORKFLOWS : [])].map((w) => [
    w.id,
    w as unknown as WorkflowDefinition,
  ]),
);

/** Adds a workflow at runtime (plugins, tests). Ids are unique: registering one twice is an error. */
export function registerWorkflow(def: WorkflowDefinition) {
  if (Object.hasOwn(WORKFLOWS, def.id)) throw new Error(`Workflow '${def.id}' is already registered.`);
  WORKFLOWS[def.id] = def;
}

export function getWorkflow(id: string): WorkflowDefinition | undefined {
  return Object.hasOwn(WORKFLOWS, id) ? WORKFLOWS[id] : undefined;
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

export type { WorkflowDefinition } from "./types";
