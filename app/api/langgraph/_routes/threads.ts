import { parseWith, searchParamsObject } from "@/lib/api/body";
import { deleteThread, endThread } from "@/lib/langgraph-api/lifecycle";
import {
  historyBody,
  historyQuery,
  stateUpdateBody,
  threadCountBody,
  threadCreateBody,
  threadPatchBody,
  threadSearchBody,
} from "@/lib/langgraph-api/schemas";
import { getThreadHistory, getThreadState } from "@/lib/langgraph-api/thread-state";
import { countThreads, createThread, getThreadOrThrow, patchThread, searchThreads, toThreadDto } from "@/lib/langgraph-api/threads";
import type { LangGraphRoute } from "./router";

/** Threads: create, read, search, state (read, end), history, delete. */
export const threadRoutes: LangGraphRoute[] = [
  {
    method: "POST",
    path: "/threads",
    permission: "runs.create",
    body: threadCreateBody,
    handler: async ({ principal, body }) => {
      const record = await createThread({
        teamId: principal.teamId,
        threadId: body.thread_id,
        metadata: body.metadata,
        ifExists: body.if_exists,
      });
      return { body: await toThreadDto(principal, record) };
    },
  },
  {
    method: "POST",
    path: "/threads/search",
    permission: "runs.read",
    body: threadSearchBody,
    handler: async ({ principal, body }) => ({ body: await searchThreads(principal, body) }),
  },
  {
    method: "POST",
    path: "/threads/count",
    permission: "runs.read",
    body: threadCountBody,
    handler: async ({ principal, body }) => ({ body: await countThreads(principal.teamId, body) }),
  },
  {
    method: "GET",
    path: "/threads/:thread_id",
    permission: "runs.read",
    handler: async ({ principal, params }) => ({
      body: await toThreadDto(principal, await getThreadOrThrow({ teamId: principal.teamId, threadId: params.thread_id! })),
    }),
  },
  {
    method: "PATCH",
    path: "/threads/:thread_id",
    permission: "runs.create",
    body: threadPatchBody,
    handler: async ({ principal, params, body }) => ({
      body: await toThreadDto(
        principal,
        await patchThread({ teamId: principal.teamId, threadId: params.thread_id!, metadata: body.metadata }),
      ),
    }),
  },
  {
    method: "DELETE",
    path: "/threads/:thread_id",
    permission: "runs.cancel",
    handler: async ({ principal, params }) => {
      await deleteThread(principal, params.thread_id!);
      return new Response(null, { status: 204 });
    },
  },
  {
    method: "GET",
    path: "/threads/:thread_id/state",
    permission: "runs.read",
    handler: async ({ principal, params }) => ({ body: await getThreadState(principal, params.thread_id!) }),
  },
  {
    method: "POST",
    path: "/threads/:thread_id/state",
    permission: "runs.read", // ending the thread checks runs.cancel
    body: stateUpdateBody,
    handler: async ({ principal, params, body }) => ({
      body: await endThread({ principal, threadId: params.thread_id!, values: body.values, asNode: body.as_node }),
    }),
  },
  {
    method: "POST",
    path: "/threads/:thread_id/state/checkpoint",
    permission: "runs.read",
    body: stateUpdateBody.pick({ checkpoint: true }),
    handler: async ({ principal, params, body }) => ({
      body: await getThreadState(principal, params.thread_id!, body.checkpoint?.checkpoint_id ?? undefined),
    }),
  },
  {
    method: "GET",
    path: "/threads/:thread_id/state/:checkpoint_id",
    permission: "runs.read",
    handler: async ({ principal, params }) => ({
      body: await getThreadState(principal, params.thread_id!, params.checkpoint_id!.slice(0, 100)),
    }),
  },
  {
    method: "GET",
    path: "/threads/:thread_id/history",
    permission: "runs.read",
    handler: async ({ principal, params, url }) => {
      const q = parseWith(historyQuery, searchParamsObject(url), "query");
      return { body: await getThreadHistory(principal, params.thread_id!, q) };
    },
  },
  {
    method: "POST",
    path: "/threads/:thread_id/history",
    permission: "runs.read",
    body: historyBody,
    handler: async ({ principal, params, body }) => {
      const before = typeof body.before === "string" ? body.before : (body.before?.configurable.checkpoint_id ?? null);
      return { body: await getThreadHistory(principal, params.thread_id!, { limit: body.limit ?? 10, before, metadata: body.metadata }) };
    },
  },
];
