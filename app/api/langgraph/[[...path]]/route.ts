import type { NextRequest } from "next/server";
import { assistantRoutes, metaRoutes } from "../_routes/assistants";
import { compileRoutes, dispatch, preflight } from "../_routes/router";
import { runRoutes } from "../_routes/runs";
import { threadRoutes } from "../_routes/threads";

/**
 * The LangGraph Platform HTTP API (@langchain/langgraph-sdk's `Client`, `useStream`, Agent Inbox)
 * at /api/langgraph. Documented in the README ("LangGraph Platform API"); services in lib/langgraph-api.
 */
export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const table = compileRoutes([...metaRoutes, ...assistantRoutes, ...threadRoutes, ...runRoutes]);

function handle(req: NextRequest) {
  return dispatch(table, req);
}

export { handle as GET, handle as POST, handle as PATCH, handle as DELETE, handle as PUT, preflight as OPTIONS };
