import "server-only";
import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import type { StreamEvent } from "./stream";

/**
 * HTTP details of the LangGraph Platform API that the SDK relies on: the key in `x-api-key`,
 * CORS for browser apps on other origins (Agent Inbox, Agent Chat UI: they send the key, never
 * cookies), SSE with heartbeats, and JSON answers preceded by keep-alive newlines.
 */

/** The SDK sends the key as `x-api-key`; the shared authentication reads `Authorization: Bearer`. */
export function withBearerFromApiKey(req: NextRequest): NextRequest {
  const key = req.headers.get("x-api-key")?.trim();
  if (!key || req.headers.has("authorization")) return req;
  const headers = new Headers(req.headers);
  headers.set("authorization", `Bearer ${key}`);
  return new NextRequest(req, { headers });
}

/**
 * Any origin may call with a key. No `Access-Control-Allow-Credentials`: browsers never attach
 * the session cookie to such calls, and session calls must be same-origin anyway.
 */
export function corsHeaders(req: Request): Record<string, string> {
  return {
    "access-control-allow-origin": "*",
    "access-control-allow-methods": "GET, POST, PATCH, DELETE, OPTIONS",
    "access-control-allow-headers":
      req.headers.get("access-control-request-headers") ?? "authorization, content-type, x-api-key, last-event-id",
    "access-control-expose-headers": "content-location, location, x-request-id, x-pagination-next, x-pagination-total",
    "access-control-max-age": "600",
  };
}

export function withHeaders(res: Response, headers: Record<string, string>): Response {
  for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
  return res;
}

const HEARTBEAT_MS = 10_000;
const encoder = new TextEncoder();

/** A client that went away closes the stream under a timer: never let that throw in a timer. */
function enqueue(controller: ReadableStreamDefaultController<Uint8Array>, text: string) {
  try {
    controller.enqueue(encoder.encode(text));
  } catch {
    // closed or cancelled
  }
}

/**
 * Server-sent events from a generator; a comment line every 10 s shows the SDK the stream is alive.
 * `onClose` runs once when the stream ends, fails or the client goes away.
 */
export function sseResponse(events: AsyncGenerator<StreamEvent>, headers: Record<string, string>, onClose?: () => void): Response {
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let closed = false;
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    onClose?.();
  };
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      heartbeat = setInterval(() => {
        if (!closed) enqueue(controller, ": heartbeat\n\n");
      }, HEARTBEAT_MS);
    },
    async pull(controller) {
      try {
        const { value, done } = await events.next();
        if (closed) return;
        if (done) {
          closed = true;
          clearInterval(heartbeat);
          finish();
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(`id: ${value.id}\nevent: ${value.event}\ndata: ${JSON.stringify(value.data)}\n\n`));
      } catch (err) {
        const requestId = randomUUID();
        console.error(`[langgraph] stream ${requestId} failed:`, err);
        closed = true;
        clearInterval(heartbeat);
        finish();
        const data = { error: "InternalError", message: `The stream failed on our side. Quote request id ${requestId} when reporting it.` };
        controller.enqueue(encoder.encode(`event: error\ndata: ${JSON.stringify(data)}\n\n`));
        controller.close();
      }
    },
    async cancel() {
      closed = true;
      clearInterval(heartbeat);
      finish();
      await events.return(undefined);
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
      ...headers,
    },
  });
}

/**
 * 200 at once, a newline every second while `compute` works (proxies and the SDK keep the
 * connection), then the JSON. JSON parsers skip the leading whitespace. `onClose` runs once when
 * the answer is sent or the client goes away.
 */
export function keepAliveJson(
  compute: (signal: AbortSignal) => Promise<unknown>,
  headers: Record<string, string>,
  onClose?: () => void,
): Response {
  const abort = new AbortController();
  let timer: ReturnType<typeof setInterval> | undefined;
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    onClose?.();
  };
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      timer = setInterval(() => enqueue(controller, "\n"), 1000);
      let body: unknown;
      try {
        body = await compute(abort.signal);
      } catch (err) {
        const requestId = randomUUID();
        console.error(`[langgraph] wait ${requestId} failed:`, err);
        body = {
          __error__: {
            error: "InternalError",
            message: `Waiting for the run failed on our side. Quote request id ${requestId} when reporting it.`,
          },
        };
      }
      clearInterval(timer);
      finish();
      if (abort.signal.aborted) return;
      enqueue(controller, JSON.stringify(body));
      try {
        controller.close();
      } catch {
        // cancelled meanwhile
      }
    },
    cancel() {
      clearInterval(timer);
      finish();
      abort.abort();
    },
  });
  return new Response(stream, { headers: { "content-type": "application/json", ...headers } });
}
