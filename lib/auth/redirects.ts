/**
 * Where to send the user after signing in: only paths on this site. Anything else (absolute
 * URLs, protocol-relative `//evil.example`, backslash tricks) falls back to the home page.
 */
export function safeCallbackPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) {
    return fallback;
  }
  if (value.startsWith("/sign-in") || value.startsWith("/verify") || value.startsWith("/auth-error")) return fallback;
  return value;
}
