import type { NextRequest } from "next/server";
import { parseWith, searchParamsObject } from "@/lib/api/body";
import type { ApiContext } from "@/lib/api/handler";
import { acquireStreamSlot } from "@/lib/api/stream-slots";
import type { Principal } from "@/lib/access/principal";
import { keepAliveJson, sseResponse } from "@/lib/langgraph-api/http";
import { cancelLangGraphRun } from "@/lib/langgraph-api/lifecycle";
import {
  createLangGraphRun,
  getLangGraphRunOrThrow,
  isFinal,
  listLangGraphRuns,
  runLocation,
  toLangGraphRunDto,
  waitUntilFinal,
  type LangGraphRunRow,
} from "@/lib/langgraph-api/runs";
import {
  joinStreamQuery,
  runCancelQuery,
  runCreateBody,
  runListQuery,
  streamModesOf,
  type RunCreateBody,
} from "@/lib/langgraph-api/schemas";
import { runEvents, runOutcome } from "@/lib/langgraph-api/stream";
import type { LangGraphRoute } from "./router";

/** Runs: create (background), wait (JSON when it pauses or ends), stream (SSE), read, list, join, cancel. */

const WAIT_MAX_MS = 10 * 60_000;

/** The run's final answer for runs.wait / runs.join: values (with __interrupt__), or __error__. */
function waitResponse(principal: Principal, row: LangGraphRunRow, headers: Record<string, string>, release: () => void) {
  return keepAliveJson(
    async (signal) => {
      const final = await waitUntilFinal(row, { signal, timeoutMs: WAIT_MAX_MS });
      if (!isFinal(final.status)) {
        return {
          __error__: {
            error: "TimeoutError",
            message: `Run ${row.id} is still ${final.status} after ${WAIT_MAX_MS / 60_000} minutes; join it again.`,
          },
        };
      }
      return runOutcome(principal, row.threadId);
    },
    headers,
    release,
  );
}

function streamResponse(principal: Principal, req: NextRequest, row: LangGraphRunRow, modes: string[], after: number, release: () => void) {
  const location = runLocation(row);
  // Location tells the SDK where to reconnect (GET …/stream with Last-Event-ID) if the connection drops.
  return sseResponse(
    runEvents({ principal, row, modes, after, signal: req.signal }),
    { "content-location": location, location: `${location}/stream` },
    release,
  );
}

/**
 * Streams and waits hold a slot of the caller's stream cap (429 over it), taken before the run is
 * created so that a refused request creates nothing; `open` builds the response that frees it.
 */
async function holdingSlot(principal: Principal, open: (release: () => void) => Promise<Response>): Promise<Response> {
  const release = acquireStreamSlot(principal);
  try {
    return await open(release);
  } catch (err) {
    release();
    throw err;
  }
}

const lastEventId = (req: NextRequest) => {
  const n = Number.parseInt(req.headers.get("last-event-id") ?? "", 10);
  return Number.isSafeInteger(n) && n >= 0 ? n : -1;
};

type CreateCtx = ApiContext<RunCreateBody>;
const threadOf = (ctx: CreateCtx) => ctx.params.thread_id ?? null;

async function create(ctx: CreateCtx) {
  const row = await createLangGraphRun({ principal: ctx.principal, threadId: threadOf(ctx), body: ctx.body });
  return { body: toLangGraphRunDto(row), headers: { "content-location": runLocation(row) } };
}

async function wait(ctx: CreateCtx) {
  return holdingSlot(ctx.principal, async (release) => {
    const row = await createLangGraphRun({ principal: ctx.principal, threadId: threadOf(ctx), body: ctx.body });
    return waitResponse(ctx.principal, row, { "content-location": runLocation(row) }, release);
  });
}

async function stream(ctx: CreateCtx) {
  return holdingSlot(ctx.principal, async (release) => {
    const row = await createLangGraphRun({ principal: ctx.principal, threadId: threadOf(ctx), body: ctx.body });
    return streamResponse(ctx.principal, ctx.req, row, streamModesOf(ctx.body.stream_mode), -1, release);
  });
}

const creating = (path: string, handler: (ctx: CreateCtx) => Promise<unknown>): LangGraphRoute => ({
  method: "POST",
  path,
  permission: "runs.read", // starting checks runs.create; answering goes through decideTask's own checks
  body: runCreateBody,
  handler: handler as LangGraphRoute["handler"],
});

const runParams = (ctx: ApiContext<unknown>) => ({
  teamId: ctx.principal.teamId,
  threadId: ctx.params.thread_id!,
  runId: ctx.params.run_id!,
});

export const runRoutes: LangGraphRoute[] = [
  creating("/threads/:thread_id/runs", create),
  creating("/threads/:thread_id/runs/wait", wait),
  creating("/threads/:thread_id/runs/stream", stream),
  creating("/runs", create),
  creating("/runs/wait", wait),
  creating("/runs/stream", stream),
  {
    method: "GET",
    path: "/threads/:thread_id/runs",
    permission: "runs.read",
    handler: async ({ principal, params, url }) => {
      const q = parseWith(runListQuery, searchParamsObject(url), "query");
      return { body: await listLangGraphRuns({ teamId: principal.teamId, threadId: params.thread_id!, ...q }) };
    },
  },
  {
    method: "GET",
    path: "/threads/:thread_id/runs/:run_id",
    permission: "runs.read",
    handler: async (ctx) => ({ body: toLangGraphRunDto(await getLangGraphRunOrThrow(runParams(ctx))) }),
  },
  {
    method: "GET",
    path: "/threads/:thread_id/runs/:run_id/join",
    permission: "runs.read",
    handler: async (ctx) =>
      holdingSlot(ctx.principal, async (release) => waitResponse(ctx.principal, await getLangGraphRunOrThrow(runParams(ctx)), {}, release)),
  },
  {
    method: "GET",
    path: "/threads/:thread_id/runs/:run_id/stream",
    permission: "runs.read",
    handler: async (ctx) => {
      const row = await getLangGraphRunOrThrow(runParams(ctx));
      const q = parseWith(joinStreamQuery, { stream_mode: ctx.url.searchParams.getAll("stream_mode").filter(Boolean) }, "query");
      const modes =
        q.stream_mode && q.stream_mode.length > 0 ? streamModesOf(q.stream_mode) : streamModesOf(row.kwargs.stream_mode as string[]);
      return holdingSlot(ctx.principal, async (release) =>
        streamResponse(ctx.principal, ctx.req, row, modes, lastEventId(ctx.req), release),
      );
    },
  },
  {
    method: "POST",
    path: "/threads/:thread_id/runs/:run_id/cancel",
    permission: "runs.cancel",
    handler: async (ctx) => {
      const q = parseWith(runCancelQuery, searchParamsObject(ctx.url), "query");
      await cancelLangGraphRun({ principal: ctx.principal, ...runParams(ctx) });
      return new Response(null, { status: q.wait === "1" || q.wait === "true" ? 204 : 202 });
    },
  },
];
