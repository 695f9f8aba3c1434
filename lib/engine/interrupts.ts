import type { Decision, TaskAction } from "@/lib/contract";
import type { TaskSpec } from "@/lib/tasks/spec";
import { parseToolCallInterrupt, toolCallResume, type ToolCallDecision, type ToolCallReview } from "@/lib/hitl/langchain-protocol";
import {
  agentInboxInterruptSchema,
  hitlRequestSchema,
  type AgentInboxInterrupt,
  type AgentInboxResponse,
  type HitlRequest,
} from "@/lib/hitl/protocol";

export type { TaskSpec };

const DEFAULT_QUEUE = "default";
const QUEUE_NAME = /^[A-Za-z0-9._-]{1,100}$/;

/** Where tasks of interrupts that name no queue go: the workflow's `queue` option. */
export type QueueRoute = string | ((request: { title: string; payload: unknown }) => string);
export interface SpecOptions {
  queue?: QueueRoute;
  now?: Date;
}

function routeQueue(route: QueueRoute | undefined, request: { title: string; payload: unknown }): string {
  const queue = typeof route === "function" ? route(request) : route;
  return typeof queue === "string" && QUEUE_NAME.test(queue) ? queue : DEFAULT_QUEUE;
}

/** JSON Schemas from graphs may name a draft our validator does not load; the keyword adds nothing here. */
function normalizeSchema(schema: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (!schema) return null;
  const { $schema: _ignored, ...rest } = schema;
  return rest;
}

/**
 * The tasks one pending interrupt asks for, in order (the task's index within the interrupt).
 * Accepts our own requests (lib/hitl), LangChain tool-call reviews (`humanInTheLoopMiddleware`:
 * one task per gated call), Agent Inbox `HumanInterrupt`s (alone or in the usual one-element
 * list) and any other value a graph passes to `interrupt()` (a generic review).
 */
export function taskSpecsFromInterrupt(value: unknown, options: SpecOptions = {}): TaskSpec[] {
  const acl = hitlRequestSchema.safeParse(value);
  if (acl.success) return [fromAcl(acl.data, options.now ?? new Date())];
  const tools = parseToolCallInterrupt(value);
  if (tools) return tools.calls.map((call) => fromToolCall(call, options));
  const list = Array.isArray(value) && value.length === 1 ? value[0] : undefined;
  const inbox = agentInboxInterruptSchema.safeParse(list ?? value);
  if (inbox.success) return [fromAgentInbox(inbox.data, list !== undefined, options)];
  return [fromRaw(value, options)];
}

/** The first (for every dialect but LangChain's tool-call review, the only) task of an interrupt. */
export function taskSpecFromInterrupt(value: unknown, options: SpecOptions = {}): TaskSpec {
  return taskSpecsFromInterrupt(value, options)[0]!;
}

function fromAcl(r: HitlRequest, now: Date): TaskSpec {
  const dueAt = r.dueAt ? new Date(r.dueAt) : r.dueInMs ? new Date(now.getTime() + r.dueInMs) : null;
  return {
    kind: r.kind,
    queue: r.queue,
    title: r.title,
    description: r.description ?? null,
    payload: r.payload ?? {},
    schema: normalizeSchema(r.schema),
    allowed: [...new Set(r.allowed)],
    confidence: r.confidence ?? null,
    question: r.question ?? null,
    dueAt,
    protocol: "acl",
    remindAt: dueAt && r.remindBeforeMs ? new Date(dueAt.getTime() - r.remindBeforeMs) : null,
    onTimeout: r.onTimeout ?? null,
    escalateTo: r.escalateTo ?? null,
    quorum: r.quorum ?? null,
    fromRoles: r.fromRoles ?? null,
    requesterMayDecide: r.requesterMayDecide ?? null,
  };
}

const DEFAULT_TOOL_DESCRIPTION = "Tool execution requires approval";

/** A custom description's first line is the title (the rest stays the description); else the call itself. */
function toolTitle(call: ToolCallReview): { title: string; description: string | null } {
  const [first, ...rest] = (call.description ?? "").split("\n");
  const line = first?.trim();
  if (line && !line.startsWith(DEFAULT_TOOL_DESCRIPTION)) {
    return { title: line.slice(0, 200), description: rest.join("\n").trim() || null };
  }
  const args = Object.entries(call.args)
    .slice(0, 3)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join(", ");
  return { title: `${call.name}(${args.length > 100 ? `${args.slice(0, 99)}…` : args})`, description: call.description };
}

function fromToolCall(call: ToolCallReview, options: SpecOptions): TaskSpec {
  const { title, description } = toolTitle(call);
  // The view hint makes the dashboard render the payload as this tool's call; validators ignore x- keywords.
  const schema = { ...(normalizeSchema(call.argsSchema) ?? { type: "object" }), "x-acl-view": "tool-call", "x-acl-tool": call.name };
  return {
    kind: "approval",
    queue: routeQueue(options.queue, { title, payload: call.args }),
    title,
    description,
    payload: call.args,
    schema,
    allowed: call.allowed,
    confidence: null,
    question: null,
    dueAt: null,
    protocol: "langchain-hitl",
  };
}

function fromAgentInbox(req: AgentInboxInterrupt, asList: boolean, options: SpecOptions): TaskSpec {
  const allowed: TaskAction[] = [];
  if (req.config.allow_accept) allowed.push("approve");
  if (req.config.allow_edit) allowed.push("edit");
  if (req.config.allow_ignore) allowed.push("reject");
  if (req.config.allow_respond) allowed.push("respond");
  const onlyRespond = req.config.allow_respond && !req.config.allow_accept && !req.config.allow_edit;
  const title = req.action_request.action;
  const named = req.action_request.args.queue;
  return {
    kind: onlyRespond ? "clarification" : "approval",
    queue: typeof named === "string" ? named : routeQueue(options.queue, { title, payload: req.action_request.args }),
    title,
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

function fromRaw(value: unknown, options: SpecOptions): TaskSpec {
  const question = typeof value === "string" ? value : null;
  const title = question ? question.slice(0, 120) : "Review requested by the agent";
  const payload = question ? {} : (value ?? {});
  return {
    kind: question ? "clarification" : "review",
    queue: routeQueue(options.queue, { title, payload }),
    title,
    description: null,
    payload,
    schema: null,
    allowed: question ? ["respond", "reject"] : ["approve", "edit", "reject", "respond"],
    confidence: null,
    question,
    dueAt: null,
    protocol: "raw",
  };
}

/**
 * The value `interrupt()` returns in the node, for an interrupt whose tasks' decisions are given
 * in task order; null while one of them is still undecided (LangChain's tool-call review is
 * answered once, with every decision of the interrupt).
 */
export function resumeValueForInterrupt(interruptValue: unknown, decisions: Array<Decision | undefined>): { value: unknown } | null {
  const tools = parseToolCallInterrupt(interruptValue);
  if (tools) {
    // Indexed over the calls, not the (possibly sparse) decisions: a hole means a call is still undecided.
    const ordered = tools.calls.map((_, i) => decisions[i]);
    if (ordered.some((d) => d === undefined)) return null;
    return {
      value: toolCallResume(
        tools.dialect,
        tools.calls.map((call, i) => toToolDecision(call, ordered[i]!)),
      ),
    };
  }
  const decision = decisions[0];
  if (!decision) return null;
  return { value: resumeValueFor(taskSpecFromInterrupt(interruptValue).protocol, interruptValue, decision) };
}

function toToolDecision(call: ToolCallReview, decision: Decision): ToolCallDecision {
  switch (decision.action) {
    case "approve":
      return { type: "approve" };
    case "edit":
      return { type: "edit", name: call.name, args: decision.payload as Record<string, unknown> };
    default:
      // The agent sees the reviewer's reason as the tool's result; without one LangChain writes its own.
      return { type: "reject", message: decision.comment ? `Rejected by a reviewer: ${decision.comment}` : undefined };
  }
}

/**
 * The value for a single-task interrupt, shaped for the protocol the node used. A plain
 * `interrupt(value)` gets the decision `{action, payload, response?, comment?, actor, at}`, where
 * `payload` is the human's edit, or on approve the value it asked about.
 */
export function resumeValueFor(protocol: TaskSpec["protocol"], interruptValue: unknown, decision: Decision): unknown {
  if (protocol === "acl") return decision;
  if (protocol === "raw") return decision.action === "approve" ? { ...decision, payload: interruptValue } : decision;
  if (protocol === "langchain-hitl") return resumeValueForInterrupt(interruptValue, [decision])?.value;
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
