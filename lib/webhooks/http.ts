import "server-only";
import { Agent, request } from "undici";
import { assertDeliverable, guardedLookup, type Resolver } from "./guard";

let guardedAgent: Agent | undefined;
let allowlistedAgent: Agent | undefined;

function agentFor(allowlisted: boolean, resolve?: Resolver): Agent {
  // A test resolver gets its own agent; production shares one per kind (keep-alive pools).
  if (resolve) return new Agent({ connect: { lookup: guardedLookup(resolve) as never } });
  if (allowlisted) return (allowlistedAgent ??= new Agent());
  return (guardedAgent ??= new Agent({ connect: { lookup: guardedLookup() as never } }));
}

export interface PostResult {
  status: number;
}

/**
 * One POST to a webhook receiver. Redirects are not followed (a 3xx is a failed attempt), the
 * whole exchange is bounded by `timeoutMs`, and the connection only reaches public addresses
 * (unless the host is in WEBHOOK_ALLOWED_HOSTS). The response body is discarded.
 */
export async function postWebhook(
  rawUrl: string,
  body: string,
  headers: Record<string, string>,
  options: { timeoutMs: number; resolve?: Resolver },
): Promise<PostResult> {
  const url = new URL(rawUrl);
  const { allowlisted } = assertDeliverable(url);
  const dispatcher = agentFor(allowlisted, options.resolve);
  try {
    const res = await request(url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "AgentControlLayer-Webhooks/1", ...headers },
      body,
      dispatcher,
      signal: AbortSignal.timeout(options.timeoutMs),
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
    await res.body.dump({ limit: 64 * 1024 }).catch(() => {});
    return { status: res.statusCode };
  } finally {
    if (options.resolve) await dispatcher.close().catch(() => {});
  }
}
