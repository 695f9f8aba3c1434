import type { NextRequest } from "next/server";
import type { z } from "zod";
import { errorResponse } from "@/lib/api/errors";
import { apiRoute, type ApiContext, type ApiResult } from "@/lib/api/handler";
import type { Permission } from "@/lib/access/permissions";
import { AppError } from "@/lib/errors";
import { corsHeaders, withBearerFromApiKey, withHeaders } from "@/lib/langgraph-api/http";
import { uuidSchema } from "@/lib/langgraph-api/schemas";

/**
 * The LangGraph Platform API's routes, dispatched from one catch-all route handler. Each
 * authenticated route goes through apiRoute (the same authentication, rate limit, permission,
 * body parsing and error mapping as /api/v1), with the SDK's `x-api-key` accepted as the key.
 */

type Handler = (ctx: ApiContext<any>) => Promise<ApiResult | Response>;

export interface LangGraphRoute {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** e.g. "/threads/:thread_id/runs/:run_id"; `:thread_id` and `:run_id` must be UUIDs. */
  path: string;
  /** Checked before the handler; null = public (no team data: /info, /ok). */
  permission: Permission | null;
  body?: z.ZodType;
  handler: Handler;
}

interface Compiled {
  route: LangGraphRoute;
  pattern: RegExp;
  names: string[];
  run: (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
}

const UUID_PARAMS = new Set(["thread_id", "run_id"]);

export function compileRoutes(routes: LangGraphRoute[]): Compiled[] {
  return routes.map((route) => {
    const names: string[] = [];
    const source = route.path.replace(/:([a-z_]+)/g, (_, name: string) => {
      names.push(name);
      return "([^/]+)";
    });
    const run = route.permission
      ? apiRoute({ permission: route.permission, body: route.body }, route.handler)
      : async (req: NextRequest) => {
          const result = await route.handler({ req, params: {}, url: new URL(req.url) } as never);
          return result instanceof Response ? result : Response.json(result.body, { status: result.status ?? 200 });
        };
    return { route, pattern: new RegExp(`^${source}/?$`), names, run };
  });
}

export async function dispatch(table: Compiled[], req: NextRequest): Promise<Response> {
  const path = new URL(req.url).pathname.replace(/^\/api\/langgraph/, "") || "/";
  let res: Response;
  try {
    res = await route(table, req, path);
  } catch (err) {
    res = errorResponse(err);
  }
  return withHeaders(res, corsHeaders(req));
}

async function route(table: Compiled[], req: NextRequest, path: string): Promise<Response> {
  const allowed: string[] = [];
  for (const c of table) {
    const m = c.pattern.exec(path);
    if (!m) continue;
    if (c.route.method !== req.method) {
      allowed.push(c.route.method);
      continue;
    }
    const params = Object.fromEntries(c.names.map((n, i) => [n, safeDecode(m[i + 1]!)]));
    for (const [name, value] of Object.entries(params)) {
      // A malformed id cannot name anything: the same 404 as another team's id.
      if (UUID_PARAMS.has(name) && !uuidSchema.safeParse(value).success) {
        throw new AppError("not_found", `No ${name === "thread_id" ? "thread" : "run"} with id '${value.slice(0, 100)}' in this team.`);
      }
    }
    return c.run(withBearerFromApiKey(req), { params: Promise.resolve(params) });
  }
  if (allowed.length > 0) {
    const res = errorResponse(
      new AppError("method_not_allowed", `${req.method} is not supported here; use ${[...new Set(allowed)].join(" or ")}.`),
    );
    res.headers.set("allow", [...new Set(allowed)].join(", "));
    return res;
  }
  throw new AppError("not_found", `No such endpoint: ${req.method} /api/langgraph${path}.`);
}

function safeDecode(segment: string) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** CORS preflight: any origin may send a key (never a cookie). */
export function preflight(req: NextRequest) {
  return new Response(null, { status: 204, headers: corsHeaders(req) });
}
