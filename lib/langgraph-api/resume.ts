import { z } from "zod";
import { AppError, describeZodError } from "@/lib/errors";
import { decisionInputSchema, type DecisionInput } from "@/lib/contract";

/**
 * `command.resume` of a LangGraph run, turned into decisions for the resume route's service.
 * Accepted shapes:
 *  - the resume route's body `{action, payload?, response?, comment?}` when one task is pending;
 *  - a map `{[interruptId or taskId]: body}` for any number of pending tasks;
 *  - Agent Inbox's `HumanResponse[]` (or one `HumanResponse`) in place of a body;
 *  - LangChain's `{decisions: [...]}` for a tool-call review (`humanInTheLoopMiddleware`), alone or
 *    as the value of its interrupt id: one decision per gated call, in order, each to its own task.
 * Pure (no database): the caller passes the thread's pending tasks.
 */

export interface PendingTask {
  id: string;
  interruptId: string | null;
  /** Position within the interrupt (one task per tool call of a LangChain tool-call review). */
  interruptIndex?: number;
}

export interface ResumeDecision {
  taskId: string;
  interruptId: string;
  input: DecisionInput;
}

function parseWith<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError("invalid_request", describeZodError(parsed.error, where, `${where}.`));
  return parsed.data;
}

const humanResponseSchema = z.object({
  type: z.enum(["accept", "edit", "response", "ignore"]),
  args: z.unknown(),
});
const editArgsSchema = z.object({ action: z.string().optional(), args: z.record(z.string(), z.unknown()) });

function fromHumanResponse(value: unknown, where: string): DecisionInput {
  const r = parseWith(humanResponseSchema, value, where);
  switch (r.type) {
    case "accept":
      return { action: "approve" };
    case "ignore":
      return { action: "reject" };
    case "response":
      if (typeof r.args !== "string")
        throw new AppError("invalid_request", `${where}.args: a response's args must be the answer as a string.`);
      return { action: "respond", response: r.args };
    case "edit":
      return { action: "edit", payload: parseWith(editArgsSchema, r.args, `${where}.args`).args };
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** One task's answer in any accepted shape → the resume route's body. */
export function toDecisionInput(value: unknown, where: string): DecisionInput {
  if (Array.isArray(value)) {
    if (value.length !== 1)
      throw new AppError("invalid_request", `${where}: send exactly one HumanResponse per interrupt (got ${value.length}).`);
    return fromHumanResponse(value[0], `${where}.0`);
  }
  if (isPlainObject(value) && "type" in value && !("action" in value)) return fromHumanResponse(value, where);
  return parseWith(decisionInputSchema, value, where);
}

const toolDecisionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("approve") }),
  z.object({
    type: z.literal("edit"),
    editedAction: z.object({ name: z.string(), args: z.record(z.string(), z.unknown()) }).optional(),
    edited_action: z.object({ name: z.string(), args: z.record(z.string(), z.unknown()) }).optional(),
  }),
  z.object({ type: z.literal("reject"), message: z.string().max(5_000).optional() }),
]);
const isToolDecisions = (v: unknown): v is { decisions: unknown[] } =>
  isPlainObject(v) && Array.isArray(v.decisions) && Object.keys(v).length === 1;

/** `{decisions}` for every still-pending call of one tool-call review, in the order the calls were asked. */
function fromToolDecisions(value: { decisions: unknown[] }, calls: Array<PendingTask & { interruptId: string }>, where: string) {
  const ordered = [...calls].sort((a, b) => (a.interruptIndex ?? 0) - (b.interruptIndex ?? 0));
  if (value.decisions.length !== ordered.length) {
    throw new AppError(
      "invalid_request",
      `${where}.decisions: ${ordered.length} tool call(s) of interrupt ${ordered[0]!.interruptId} wait for a decision; got ${value.decisions.length}.`,
    );
  }
  return ordered.map((task, i) => {
    const d = parseWith(toolDecisionSchema, value.decisions[i], `${where}.decisions.${i}`);
    let input: DecisionInput;
    if (d.type === "approve") input = { action: "approve" };
    else if (d.type === "reject") input = { action: "reject", ...(d.message ? { comment: d.message } : {}) };
    else {
      const action = d.editedAction ?? d.edited_action;
      if (!action) throw new AppError("invalid_request", `${where}.decisions.${i}.editedAction: required for an edit.`);
      input = { action: "edit", payload: action.args };
    }
    return { taskId: task.id, interruptId: task.interruptId, input };
  });
}

const looksLikeOneAnswer = (v: unknown) => Array.isArray(v) || (isPlainObject(v) && ("action" in v || "type" in v));

export function resolveResume(resume: unknown, pending: PendingTask[]): ResumeDecision[] {
  const where = "command.resume";
  if (resume === undefined || resume === null) throw new AppError("invalid_request", `${where}: is required to answer an interrupt.`);
  const open = pending.filter((t): t is PendingTask & { interruptId: string } => t.interruptId !== null);
  if (open.length === 0) throw new AppError("conflict", "The thread has no pending interrupt to resume.");

  if (isToolDecisions(resume)) {
    const ids = [...new Set(open.map((t) => t.interruptId))];
    if (ids.length > 1) {
      throw new AppError(
        "invalid_request",
        `${where}: ${ids.length} interrupts are pending; send {"<interrupt id>": {decisions}} for the one you answer.`,
      );
    }
    return fromToolDecisions(resume, open, where);
  }
  if (looksLikeOneAnswer(resume)) {
    if (open.length > 1) {
      throw new AppError(
        "invalid_request",
        `${where}: ${open.length} interrupts are pending (${open.map((t) => t.interruptId).join(", ")}); send {"<interrupt id>": decision} for the ones you answer.`,
      );
    }
    return [{ taskId: open[0]!.id, interruptId: open[0]!.interruptId, input: toDecisionInput(resume, where) }];
  }
  if (!isPlainObject(resume) || Object.keys(resume).length === 0) {
    throw new AppError(
      "invalid_request",
      `${where}: send a decision {action, payload?, response?, comment?} or a map {"<interrupt id>": decision}.`,
    );
  }
  const seen = new Set<string>();
  return Object.entries(resume).flatMap(([key, value]) => {
    if (isToolDecisions(value)) {
      const calls = open.filter((t) => t.interruptId === key);
      if (calls.length === 0 || calls.some((t) => seen.has(t.id))) {
        throw new AppError("invalid_request", `${where}.${key}: no pending tool-call review with this interrupt id, or answered twice.`);
      }
      for (const t of calls) seen.add(t.id);
      return fromToolDecisions(value, calls, `${where}.${key}`);
    }
    const task = open.find((t) => t.interruptId === key || t.id === key);
    if (!task)
      throw new AppError(
        "invalid_request",
        `${where}.${key}: no pending interrupt with this id; pending: ${open.map((t) => t.interruptId).join(", ")}.`,
      );
    if (seen.has(task.id)) throw new AppError("invalid_request", `${where}.${key}: answers interrupt ${task.interruptId} a second time.`);
    seen.add(task.id);
    return [{ taskId: task.id, interruptId: task.interruptId, input: toDecisionInput(value, `${where}.${key}`) }];
  });
}
