import type { Decision, TaskAction } from "@/lib/contract";
import type { TaskSpec } from "@/lib/tasks/spec";
import { agentInboxInterruptSchema, hitlRequestSchema, type AgentInboxInterrupt, type AgentInboxResponse } from "@/lib/hitl/protocol";

export type { TaskSpec };

const DEFAULT_QUEUE = "default";

/**
 * Accepts our own requests (lib/hitl), Agent Inbox `HumanInterrupt`s (alone or in the usual
 * one-element list) and any other value a graph passes to `interrupt()`.
 */
export function taskSpecFromInterrupt(value: unknown): TaskSpec {
  const acl = hitlRequestSchema.safeParse(value);
  if (acl.success) {
    const r = acl.data;
    return {
      kind: r.kind,
      queue: r.queue,
      title: r.title,
      description: r.description ?? null,
      payload: r.payload ?? {},
      schema: r.schema ?? null,
      allowed: [...new Set(r.allowed)],
      confidence: r.confidence ?? null,
      question: r.question ?? null,
      dueAt: r.dueAt ? new Date(r.dueAt) : null,
      protocol: "acl",
    };
  }
  const list = Array.isArray(value) && value.length === 1 ? value[0] : undefined;
  const inbox = agentInboxInterruptSchema.safeParse(list ?? value);
  if (inbox.success) return fromAgentInbox(inbox.data, list !== undefined);

  const question = typeof value === "string" ? value : null;
  return {
    kind: question ? "clarification" : "review",
    queue: DEFAULT_QUEUE,
    title: question ? question.slice(0, 120) : "Review requested by the agent",
    description: null,
    payload: question ? {} : (value ?? {}),
    schema: null,
    allowed: question ? ["respond", "reject"] : ["approve", "edit", "reject", "respond"],
    confidence: null,
    question,
    dueAt: null,
    protocol: "raw",
  };
}

function fromAgentInbox(req: AgentInboxInterrupt, asList: boolean): TaskSpec {
  const allowed: TaskAction[] = [];
  if (req.config.allow_accept) allowed.push("approve");
  if (req.config.allow_edit) allowed.push("edit");
  if (req.config.allow_ignore) allowed.push("reject");
  if (req.config.allow_respond) allowed.push("respond");
  const onlyRespond = req.config.allow_respond && !req.config.allow_accept && !req.config.allow_edit;
  const queue = typeof req.action_request.args.queue === "string" ? req.action_request.args.queue : DEFAULT_QUEUE;
  return {
    kind: onlyRespond ? "clarification" : "approval",
    queue,
    title: req.action_request.action,
    description: req.description ?? null,
    payload: req.action_request.args,
    schema: null,
    allowed: allowed.length > 0 ? allowed : ["reject"],
    confidence: null,
    question: onlyRespond ? (req.description ?? req.action_request.action) : null,
    dueAt: null,
    protocol: asList ? "agent-inbox-list" : "agent-inbox",
  };
}

/** The value `interrupt()` returns in the node, shaped for the protocol the node used. */
export function resumeValueFor(protocol: TaskSpec["protocol"], interruptValue: unknown, decision: Decision): unknown {
  if (protocol === "acl" || protocol === "raw") return decision;
  const raw = protocol === "agent-inbox-list" ? (interruptValue as unknown[])[0] : interruptValue;
  const req = agentInboxInterruptSchema.parse(raw);
  let response: AgentInboxResponse;
  switch (decision.action) {
    case "approve":
      response = { type: "accept", args: req.action_request };
      break;
    case "edit":
      response = { type: "edit", args: { action: req.action_request.action, args: decision.payload as Record<string, unknown> } };
      break;
    case "respond":
      response = { type: "response", args: decision.response ?? "" };
      break;
    default:
      response = { type: "ignore", args: null };
  }
  return protocol === "agent-inbox-list" ? [response] : response;
}
