import { interrupt } from "@langchain/langgraph";
import { z } from "zod";
import { GateError } from "./schema";

/**
 * "One gate per item" whose decisions are independent: `fanOut(child, items)` runs `child` (a
 * workflow) once per item as a child run with its own thread, and returns the children's
 * outputs in item order once all of them completed. Each decision then resumes only its child's
 * thread, never the other items' gates: a reviewer clearing 10,000 items costs 10,000 child
 * steps, not 10,000²/2 re-runs of pending siblings.
 *
 * It is an interrupt the engine answers itself (lib/engine/children.ts): the parent waits,
 * `waiting` while any child waits, and its node re-runs from its first line with the outputs.
 * Children are keyed by (parent, interrupt, item index), so the re-run starts none twice. A child
 * that fails fails the parent (its other children are cancelled). Child runs cannot fan out.
 * Register the child workflow with the parent: `defineWorkflow({ ..., children: [child] })`.
 */
export const FAN_OUT_MARK = "acl/fan-out";

export const fanOutRequestSchema = z.object({
  type: z.literal(FAN_OUT_MARK),
  workflow: z.string().min(1),
  inputs: z.array(z.unknown()),
});
export type FanOutRequest = z.infer<typeof fanOutRequestSchema>;

const fanOutAnswerSchema = z.object({ type: z.literal(FAN_OUT_MARK), outputs: z.array(z.unknown()) });

export function isFanOutRequest(value: unknown): value is FanOutRequest {
  return fanOutRequestSchema.safeParse(value).success;
}

/** What the engine resumes a fan-out with: the children's outputs in item order. */
export function fanOutAnswer(outputs: unknown[]) {
  return { type: FAN_OUT_MARK, outputs };
}

/** The part of a workflow definition fanOut needs (lib/workflows' WorkflowDefinition has it). */
export interface ChildWorkflow<TInput extends z.ZodType> {
  id: string;
  inputSchema: TInput;
}

export function fanOut<TInput extends z.ZodType, TOutput = unknown>(
  child: ChildWorkflow<TInput>,
  items: Array<z.input<TInput>>,
): TOutput[] {
  if (items.length === 0) return [];
  const inputs = items.map((item, i) => {
    const parsed = child.inputSchema.safeParse(item);
    if (!parsed.success)
      throw new GateError(`fanOut(${child.id}): item ${i} fails the child workflow's input schema: ${parsed.error.message}`);
    return parsed.data;
  });
  const request: FanOutRequest = { type: FAN_OUT_MARK, workflow: child.id, inputs };
  const answer = fanOutAnswerSchema.safeParse(interrupt(request));
  if (!answer.success || answer.data.outputs.length !== items.length) {
    throw new GateError(`fanOut(${child.id}): resumed with something other than the ${items.length} children's outputs.`);
  }
  return answer.data.outputs as TOutput[];
}
