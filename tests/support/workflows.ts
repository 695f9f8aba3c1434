import { Annotation, END, START, StateGraph } from "@langchain/langgraph";
import type { z } from "zod";
import { registerWorkflow } from "@/lib/workflows";
import { defineWorkflow, type WorkflowDefinition } from "@/lib/workflows/types";

/**
 * Registers a test-only workflow whose graph is one node, START → node → END: the node gets the
 * run's parsed input and returns the run's output (a gate, interrupt or askHuman inside it pauses
 * the run as in any workflow). `name` defaults to the id, `description` to "test", the node's
 * name (`nodeName`) to "ask". Returns the registered definition.
 */
export function registerOneNodeWorkflow<T extends z.ZodType>(
  def: Omit<WorkflowDefinition<T>, "compile" | "name" | "description"> & {
    name?: string;
    description?: string;
    nodeName?: string;
    node: (input: z.output<T>) => unknown;
  },
): WorkflowDefinition<T> {
  const { node, nodeName = "ask", ...rest } = def;
  const State = Annotation.Root({ input: Annotation<z.output<T>>, output: Annotation<unknown> });
  const workflow = defineWorkflow<T>({
    name: def.id,
    description: "test",
    ...rest,
    compile: (checkpointer) =>
      new StateGraph(State)
        .addNode(nodeName, (s: typeof State.State) => ({ output: node(s.input) }))
        .addEdge(START, nodeName)
        .addEdge(nodeName, END)
        .compile({ checkpointer }),
  });
  registerWorkflow(workflow as WorkflowDefinition);
  return workflow;
}
