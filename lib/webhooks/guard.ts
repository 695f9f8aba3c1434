import "server-only";
import dns from "node:dns";
import type { LookupAddress, LookupOptions } from "node:dns";
import { AppError } from "@/lib/errors";
import { env } from "@/lib/env";
import { classifyAddress, ipLiteral, isAllowlisted, parseAllowedHosts } from "./address";

export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

const systemResolver: Resolver = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

function allowedHosts() {
  return parseAllowedHosts(env().WEBHOOK_ALLOWED_HOSTS);
}

function refuse(message: string): never {
  throw new AppError("invalid_request", `callbackUrl: ${message}`);
}

/**
 * Every address a name resolves to must be public: one private answer refuses the whole name
 * (a resolver that mixes answers is how rebinding attacks start).
 */
async function resolvePublic(hostname: string, resolve: Resolver): Promise<LookupAddress[]> {
  let addresses: LookupAddress[];
  try {
    addresses = await resolve(hostname);
  } catch {
    throw new WebhookAddressError(`host '${hostname}' does not resolve`);
  }
  if (addresses.length === 0) throw new WebhookAddressError(`host '${hostname}' does not resolve`);
  for (const a of addresses) {
    const c = classifyAddress(a.address);
    if (!c.public) throw new WebhookAddressError(`host '${hostname}' resolves to ${a.address} (${c.range}), not a public address`);
  }
  return addresses;
}

/** A refused destination at connect time: the delivery fails (and is retried later), the reason is logged. */
export class WebhookAddressError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WebhookAddressError";
  }
}

/**
 * The check at creation: http(s), no credentials, and a host that is (or resolves only to)
 * public addresses unless it is in WEBHOOK_ALLOWED_HOSTS. Throws 400 naming `callbackUrl`.
 */
export async function assertCallbackUrlAllowed(raw: string, resolve: Resolver = systemResolver): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    refuse("must be an absolute http(s) URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") refuse("must be http(s)");
  if (url.username || url.password) refuse("must not contain credentials");
  if (isAllowlisted(url, allowedHosts())) return url;
  const literal = ipLiteral(url.hostname);
  if (literal) {
    const c = classifyAddress(literal);
    if (!c.public) refuse(`${literal} is a ${c.range} address, not a public one`);
    return url;
  }
  try {
    await resolvePublic(url.hostname, resolve);
  } catch (err) {
    if (err instanceof WebhookAddressError) refuse(err.message);
    throw err;
  }
  return url;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * `connect.lookup` for the delivery agent: resolves, refuses any non-public answer, and hands
 * exactly the checked addresses to the socket, so the connection goes to the address that was
 * checked (a DNS answer that changes between check and connect — rebinding — cannot slip in).
 * Node skips `lookup` for IP literals; deliverWebhook checks those before connecting.
 */
export function guardedLookup(resolve: Resolver = systemResolver) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback) => {
    resolvePublic(hostname, resolve).then(
      (addresses) => {
        const wanted = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
        if (wanted.length === 0)
          return callback(Object.assign(new Error(`no IPv${options.family} address for ${hostname}`), { code: "ENOTFOUND" }), []);
        if (options.all) callback(null, wanted);
        else callback(null, wanted[0]!.address, wanted[0]!.family);
      },
      (err: Error) => callback(Object.assign(err, { code: "EACCES" }), []),
    );
  };
}

/** The connect-time check for a URL whose host is an IP literal (no lookup happens for those). */
export function assertDeliverable(url: URL) {
  if (isAllowlisted(url, allowedHosts())) return { allowlisted: true };
  const literal = ipLiteral(url.hostname);
  if (literal) {
    const c = classifyAddress(literal);
    if (!c.public) throw new WebhookAddressError(`${literal} is a ${c.range} address, not a public one`);
  }
  return { allowlisted: false };
}
