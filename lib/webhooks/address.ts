import ipaddr from "ipaddr.js";

/**
 * Which addresses a webhook may reach. Only ordinary public unicast: ipaddr.js classifies the
 * special ranges (loopback, private, link-local incl. 169.254.169.254 metadata, CGNAT,
 * unique-local, multicast, unspecified, broadcast, reserved, documentation, benchmarking …);
 * IPv4-mapped IPv6 (::ffff:a.b.c.d) is judged as the IPv4 address it carries.
 */
export function classifyAddress(address: string): { public: boolean; range: string } {
  if (!ipaddr.isValid(address)) return { public: false, range: "invalid" };
  let ip = ipaddr.parse(address);
  if (ip.kind() === "ipv6" && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  const range = ip.range();
  if (range !== "unicast") return { public: false, range };
  // Public IPv6 lives in 2000::/3. Everything outside it (IPv4-compatible ::a.b.c.d, site-local,
  // future allocations) is refused rather than guessed; translation prefixes (6to4, Teredo,
  // NAT64) can carry a private IPv4 address, and ipaddr.js already names them non-unicast.
  if (ip.kind() === "ipv6" && !(ip as ipaddr.IPv6).match(ipaddr.IPv6.parse("2000::"), 3)) return { public: false, range: "nonGlobalIPv6" };
  return { public: true, range };
}

export function isPublicAddress(address: string): boolean {
  return classifyAddress(address).public;
}

/** `[::1]` (URL hostnames keep IPv6 brackets) → `::1`; names unchanged, lowercased. */
export function bareHost(hostname: string): string {
  const h = hostname.toLowerCase();
  return h.startsWith("[") && h.endsWith("]") ? h.slice(1, -1) : h;
}

/** The literal IP of a URL host, or null for a DNS name. WHATWG URL already turned 0x7f.1, 2130706433 and 0177.0.0.1 into dotted IPv4. */
export function ipLiteral(hostname: string): string | null {
  const h = bareHost(hostname);
  return ipaddr.isValid(h) ? h : null;
}

function defaultPort(url: URL): string {
  return url.port || (url.protocol === "https:" ? "443" : "80");
}

/**
 * `WEBHOOK_ALLOWED_HOSTS`: comma-separated `host` (any port) or `host:port`; IPv6 in brackets
 * (`[::1]:8080`). For development and test receivers on private addresses.
 */
export function parseAllowedHosts(value: string | undefined): Array<{ host: string; port: string | null }> {
  if (!value) return [];
  return value
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)
    .map((entry) => {
      const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
      if (v6) return { host: v6[1]!, port: v6[2] ?? null };
      const hp = /^([^:]+):(\d+)$/.exec(entry);
      if (hp) return { host: hp[1]!, port: hp[2]! };
      return { host: entry, port: null };
    });
}

export function isAllowlisted(url: URL, allowed: Array<{ host: string; port: string | null }>): boolean {
  const host = bareHost(url.hostname);
  const port = defaultPort(url);
  return allowed.some((a) => bareHost(a.host) === host && (a.port === null || a.port === port));
}
