import type { NextRequest } from "next/server";
import { errorResponse } from "@/lib/api/errors";
import { acquireStreamSlot } from "@/lib/api/stream-slots";
import { queueVisibility } from "@/lib/access/visibility";
import { getSessionPrincipal } from "@/lib/auth/session-principal";
import { AppError } from "@/lib/errors";
import { subscribeTaskEvents } from "@/lib/realtime/task-events";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const HEARTBEAT_MS = 15_000;

/**
 * Server-sent events for the dashboard: `event: task` with {event, queues, count} whenever tasks
 * of the signed-in member's team are created or decided, limited to queues the member may see.
 * Comments every 15 s keep proxies from closing an idle stream.
 */
export async function GET(req: NextRequest) {
  try {
    const principal = await getSessionPrincipal(req);
    if (!principal) throw new AppError("unauthenticated", "Sign in to receive live task events.");
    const visibility = await queueVisibility(principal);
    const release = acquireStreamSlot(principal); // 429 when this user has too many open
    const encoder = new TextEncoder();
    let heartbeat: ReturnType<typeof setInterval> | undefined;
    let closed = false;
    let unsubscribe: (() => void) | null = null;

    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        const close = () => {
          if (closed) return;
          closed = true;
          clearInterval(heartbeat);
          unsubscribe?.();
          release();
          try {
            controller.close();
          } catch {
            /* already closed by the client */
          }
        };
        const send = (chunk: string) => {
          if (closed) return;
          try {
            controller.enqueue(encoder.encode(chunk));
          } catch {
            close();
          }
        };
        req.signal.addEventListener("abort", close, { once: true });
        send(`retry: 5000\n: connected\n\n`);
        try {
          unsubscribe = await subscribeTaskEvents((e) => {
            if (e.teamId !== principal.teamId) return;
            const queues = e.queues.filter((q) => visibility.canSee(q));
            if (queues.length > 0) send(`event: task\ndata: ${JSON.stringify({ event: e.event, queues, count: e.count })}\n\n`);
          });
        } catch (err) {
          console.error("[events] could not listen for task events:", err);
          return close(); // the browser reconnects after `retry`
        }
        if (closed) unsubscribe();
        heartbeat = setInterval(() => send(`: heartbeat ${Date.now()}\n\n`), HEARTBEAT_MS);
      },
      cancel() {
        closed = true;
        clearInterval(heartbeat);
        unsubscribe?.();
        release();
      },
    });

    return new Response(stream, {
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        connection: "keep-alive",
        "x-accel-buffering": "no",
      },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
