import { countAssistants, getAssistant, getAssistantGraph, getAssistantSchemas, searchAssistants } from "@/lib/langgraph-api/assistants";
import { assistantSearchBody } from "@/lib/langgraph-api/schemas";
import packageJson from "@/package.json";
import type { LangGraphRoute } from "./router";

/** Server info (public: Agent Inbox reads it without a key) and assistants (the registered workflows). */
export const metaRoutes: LangGraphRoute[] = [
  {
    method: "GET",
    path: "/info",
    permission: null,
    handler: async () => ({
      body: {
        version: packageJson.version,
        context: "js",
        flags: { assistants: true, crons: false, langsmith: false },
        host: { kind: "self-hosted", project_id: null, revision_id: null, tenant_id: null },
      },
    }),
  },
  { method: "GET", path: "/ok", permission: null, handler: async () => ({ body: { ok: true } }) },
];

export const assistantRoutes: LangGraphRoute[] = [
  {
    method: "POST",
    path: "/assistants/search",
    permission: "workflows.read",
    body: assistantSearchBody,
    handler: async ({ body }) => ({ body: searchAssistants(body) }),
  },
  {
    method: "POST",
    path: "/assistants/count",
    permission: "workflows.read",
    body: assistantSearchBody.pick({ graph_id: true, name: true, metadata: true }),
    handler: async ({ body }) => ({ body: countAssistants(body) }),
  },
  {
    method: "GET",
    path: "/assistants/:assistant_id",
    permission: "workflows.read",
    handler: async ({ params }) => ({ body: getAssistant(params.assistant_id!) }),
  },
  {
    method: "GET",
    path: "/assistants/:assistant_id/graph",
    permission: "workflows.read",
    handler: async ({ params }) => ({ body: await getAssistantGraph(params.assistant_id!) }),
  },
  {
    method: "GET",
    path: "/assistants/:assistant_id/schemas",
    permission: "workflows.read",
    handler: async ({ params }) => ({ body: getAssistantSchemas(params.assistant_id!) }),
  },
];
