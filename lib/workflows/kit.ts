/**
 * Everything a workflow author imports, in one place: typed gates (lib/hitl), durable effects
 * (lib/effects), the chat model with its offline replies, and the definitions the registry takes.
 */
export { approvalGate, askHuman, fanOut, fewShotExamples, reviewArtifact, runContext, GatePayloadError, gateJsonSchema } from "@/lib/hitl";
export type {
  ApprovalResult,
  ClarificationResult,
  Duration,
  FewShotExample,
  GatePolicyOptions,
  TypedClarificationResult,
} from "@/lib/hitl";
export { once, sendEmailOnce } from "@/lib/effects";
export { askModelForJson, askModelForText, getChatModel } from "./model";
export { callTools, type OfflineReplies, type OfflineReply } from "./offline-replies";
export { defineAgentWorkflow, agentOutput } from "./agent";
export { defineWorkflow, type WorkflowDefinition } from "./types";
