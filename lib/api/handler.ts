import "server-only";
import { randomUUID } from "node:crypto";
import type { NextRequest } from "next/server";
import { z } from "zod";
import { getDb, type Tx } from "@/db/client";
import { assertCan, type Principal } from "@/lib/access/principal";
import type { Permission } from "@/lib/access/permissions";
import { getSessionPrincipal } from "@/lib/auth/session-principal";
import { AppError } from "@/lib/errors";
import { authenticateApiKey } from "@/lib/teams/api-keys";
import { parseWith, readJsonBody } from "./body";
import { errorResponse, json } from "./errors";
import { claimIdempotencyKey, hashRequest, recordIdempotentResult, releaseIdempotencyKey, type IdempotencySlot } from "@/lib/idempotency";
import { enforceRateLimit } from "@/lib/rate-limit";

export interface ApiContext<TBody> {
  req: NextRequest;
  principal: Principal;
  body: TBody;
  params: Record<string, string>;
  url: URL;
  requestId: string;
  /**
   * Set when the request carries an Idempotency-Key: the route passes it to the service, which
   * calls it inside the transaction that creates the resource, so key and resource commit together.
   */
  recordIdempotent: ((tx: Tx, status: number, body: unknown) => Promise<void>) | null;
}

export interface ApiResult {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

interface Options<TSchema extends z.ZodType | undefined> {
  permission: Permission;
  body?: TSchema;
  /** POSTs that create something honour `Idempotency-Key`. */
  idempotent?: boolean;
}

type RouteContext = { params: Promise<Record<string, string>> };

/** PostgreSQL text cannot hold U+0000: refuse it at the boundary instead of failing in the database. */
function assertNoNul(values: Iterable<string>) {
  for (const v of values) {
    if (v.includes("\u0000")) throw new AppError("invalid_request", "Path and query parameters must not contain NUL characters.");
  }
}

/** Authenticates the caller (API key, or a same-origin signed-in session) for one team. */
export async function authenticate(req: NextRequest): Promise<Principal> {
  const header = req.headers.get("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!match) throw new AppError("unauthenticated", "Use 'Authorization: Bearer <api key>'.");
    const key = await authenticateApiKey(getDb(), match[1]!);
    return { kind: "api_key", teamId: key.teamId, actor: { type: "api_key", id: key.keyId }, scopes: key.scopes, queues: key.queues };
  }
  const session = await getSessionPrincipal(req);
  if (session) return session;
  throw new AppError("unauthenticated", "Missing API key: send 'Authorization: Bearer <api key>'.");
}

/**
 * The one wrapper every /api/v1 handler goes through: request id, authentication,
 * rate limit, permission, body size and JSON and zod parsing, idempotency, error mapping.
 */
export function apiRoute<TSchema extends z.ZodType | undefined = undefined>(
  options: Options<TSchema>,
  handler: (ctx: ApiContext<TSchema extends z.ZodType ? z.infer<TSchema> : undefined>) => Promise<ApiResult | Response>,
) {
  const handle = async (req: NextRequest, routeCtx: RouteContext): Promise<Response> => {
    const requestId = randomUUID();
    let idem: (IdempotencySlot & { token: string }) | null = null;
    let recorded = false;
    try {
      const principal = await authenticate(req);
      await enforceRateLimit(principal.kind === "api_key" ? `key:${principal.actor.id}` : `user:${principal.actor.id}`);
      assertCan(principal, options.permission);
      const raw = options.body ? await readJsonBody(req) : undefined;
      const body = options.body ? parseWith(options.body, raw ?? {}) : undefined;
      const url = new URL(req.url);
      const params = (await routeCtx?.params) ?? {};
      assertNoNul([...Object.values(params), ...url.searchParams.values()]);

      const key =
        req.headers.get("idempotency-key") ??
        (raw && typeof raw === "object" && typeof (raw as { idempotencyKey?: unknown }).idempotencyKey === "string"
          ? (raw as { idempotencyKey: string }).idempotencyKey
          : null);
      if (options.idempotent && key) {
        const slot = { teamId: principal.teamId, route: `${req.method} ${url.pathname}`, key };
        const claim = await claimIdempotencyKey(getDb(), { ...slot, requestHash: hashRequest(raw) });
        if (claim.kind === "replay") {
          return json(claim.body, { status: claim.status, headers: { "x-request-id": requestId, "idempotent-replayed": "true" } });
        }
        idem = { ...slot, token: claim.token }; // ours from here on: recorded on success, released on failure
      }
      const claimed = idem;
      const recordIdempotent = claimed
        ? async (tx: Tx, status: number, responseBody: unknown) => {
            await recordIdempotentResult(tx, { ...claimed, status, body: responseBody });
            recorded = true;
          }
        : null;

      const result = await handler({ req, principal, body: body as never, params, url, requestId, recordIdempotent });
      if (result instanceof Response) return result; // streams (JSONL) pass through as they are
      const status = result.status ?? 200;
      if (idem && !recorded) {
        // A route that did not record inside its own transaction: record now (not atomic with it).
        await getDb().transaction((tx) => recordIdempotentResult(tx, { ...claimed!, status, body: result.body }));
      }
      idem = null;
      return json(result.body, { status, headers: { "x-request-id": requestId, ...(result.headers ?? {}) } });
    } catch (err) {
      // Recorded means committed with the resource; a later failure must not free the key.
      if (idem && !recorded) await releaseIdempotencyKey(getDb(), idem).catch(() => {});
      return errorResponse(err, requestId);
    }
  };
  return async (req: NextRequest, routeCtx: RouteContext) => {
    const started = performance.now();
    const response = await handle(req, routeCtx);
    // Server-Timing: this process's own time for the request (authentication, limits, the service;
    // for streams, until the stream starts), so a client can tell server time from network time.
    try {
      response.headers.set("server-timing", `app;dur=${(performance.now() - started).toFixed(1)}`);
    } catch {
      // immutable headers (a proxied response): nothing to add
    }
    return response;
  };
}
