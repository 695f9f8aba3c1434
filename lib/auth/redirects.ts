const BASE = "http://app.invalid";

/**
 * Where to send the user after signing in: only paths on this site. Anything else (absolute
 * URLs, protocol-relative `//evil.example`, backslash tricks, control characters or whitespace
 * that browsers drop, as in `/\t/evil.example`) falls back to the home page.
 */
export function safeCallbackPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value.length > 2000 || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) {
    return fallback;
  }
  // Control characters (C0, DEL, C1) and any whitespace: refused, never stripped.
  if (/[\u0000-\u001f\u007f-\u009f\s]/u.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback; // must resolve on the app's own origin
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (path.startsWith("//")) return fallback; // `/../..//evil.example` normalises to a protocol-relative URL
  if (path.startsWith("/sign-in") || path.startsWith("/verify") || path.startsWith("/auth-error")) return fallback;
  return path;
}
