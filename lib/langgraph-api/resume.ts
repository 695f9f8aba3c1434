import { z } from "zod";
import { AppError, describeZodError } from "@/lib/errors";
import { decisionInputSchema, type DecisionInput } from "@/lib/contract";

/**
 * `command.resume` of a LangGraph run, turned into decisions for the resume route's service.
 * Accepted shapes:
 *  - the resume route's body `{action, payload?, response?, comment?}` when one task is pending;
 *  - a map `{[interruptId or taskId]: body}` for any number of pending tasks;
 *  - Agent Inbox's `HumanResponse[]` (or one `HumanResponse`) in place of a body.
 * Pure (no database): the caller passes the thread's pending tasks.
 */

export interface PendingTask {
  id: string;
  interruptId: string | null;
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

const looksLikeOneAnswer = (v: unknown) => Array.isArray(v) || (isPlainObject(v) && ("action" in v || "type" in v));

export function resolveResume(resume: unknown, pending: PendingTask[]): ResumeDecision[] {
  const where = "command.resume";
  if (resume === undefined || resume === null) throw new AppError("invalid_request", `${where}: is required to answer an interrupt.`);
  const open = pending.filter((t): t is PendingTask & { interruptId: string } => t.interruptId !== null);
  if (open.length === 0) throw new AppError("conflict", "The thread has no pending interrupt to resume.");

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
  return Object.entries(resume).map(([key, value]) => {
    const task = open.find((t) => t.interruptId === key || t.id === key);
    if (!task)
      throw new AppError(
        "invalid_request",
        `${where}.${key}: no pending interrupt with this id; pending: ${open.map((t) => t.interruptId).join(", ")}.`,
      );
    if (seen.has(task.id)) throw new AppError("invalid_request", `${where}.${key}: answers interrupt ${task.interruptId} a second time.`);
    seen.add(task.id);
    return { taskId: task.id, interruptId: task.interruptId, input: toDecisionInput(value, `${where}.${key}`) };
  });
}
