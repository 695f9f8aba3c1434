import "server-only";
import { compiledGraph } from "@/lib/engine/advance";
import { AppError } from "@/lib/errors";
import { getWorkflow, listWorkflows, workflowInputJsonSchema, type WorkflowDefinition } from "@/lib/workflows";

/**
 * Assistants are the registered workflows: assistant_id = graph_id = workflow id. They are
 * code, not rows, so they are the same for every team and cannot be created or changed here.
 */

// A fixed date: assistants exist as long as the deployment does.
const EPOCH = new Date(0).toISOString();

function toAssistant(def: Pick<WorkflowDefinition, "id" | "name" | "description">) {
  return {
    assistant_id: def.id,
    graph_id: def.id,
    name: def.name,
    description: def.description,
    config: {},
    context: {},
    metadata: { created_by: "system" },
    version: 1,
    created_at: EPOCH,
    updated_at: EPOCH,
  };
}

export function getAssistantOrThrow(id: string) {
  const def = getWorkflow(id);
  if (!def) throw new AppError("not_found", `No assistant '${id}'. POST /assistants/search lists them (assistant id = workflow id).`);
  return def;
}

export function getAssistant(id: string) {
  return toAssistant(getAssistantOrThrow(id));
}

export function searchAssistants(query: {
  graph_id?: string | null;
  name?: string | null;
  metadata?: Record<string, unknown> | null;
  limit?: number | null;
  offset?: number | null;
  sort_by?: "assistant_id" | "graph_id" | "name" | "created_at" | "updated_at" | null;
  sort_order?: "asc" | "desc" | null;
  select?: string[] | null;
}) {
  const metadata = Object.entries(query.metadata ?? {});
  const key = query.sort_by === "name" ? "name" : "id";
  const items = listWorkflows()
    .filter((w) => !query.graph_id || w.id === query.graph_id)
    .filter((w) => !query.name || w.name.toLowerCase().includes(query.name.toLowerCase()))
    .map(toAssistant)
    .filter((a) => metadata.every(([k, v]) => (a.metadata as Record<string, unknown>)[k] === v))
    .sort(
      (a, b) =>
        (key === "name" ? a.name.localeCompare(b.name) : a.assistant_id.localeCompare(b.assistant_id)) *
        (query.sort_order === "desc" ? -1 : 1),
    )
    .slice(query.offset ?? 0, (query.offset ?? 0) + (query.limit ?? 10));
  if (!query.select) return items;
  const select = new Set(query.select);
  return items.map((a) => Object.fromEntries(Object.entries(a).filter(([k]) => select.has(k))));
}

export function countAssistants(query: { graph_id?: string | null; name?: string | null }) {
  return searchAssistants({ ...query, limit: 10_000 }).length;
}

/** The drawable graph (nodes and edges), as LangGraph's getGraph().toJSON() gives it. */
export async function getAssistantGraph(id: string) {
  const graph = compiledGraph(getAssistantOrThrow(id)) as unknown as { getGraphAsync(): Promise<{ toJSON(): unknown }> };
  return (await graph.getGraphAsync()).toJSON();
}

/** Input is the workflow's input (the same object as POST /api/v1/runs's `input`); the state holds it and the output. */
export function getAssistantSchemas(id: string) {
  const def = getAssistantOrThrow(id);
  const input = workflowInputJsonSchema(def);
  return {
    graph_id: def.id,
    input_schema: input,
    output_schema: { type: "object", description: "The run's output, also in the state's `output`." },
    state_schema: { type: "object", properties: { input, output: {} } },
    config_schema: null,
    context_schema: null,
  };
}
