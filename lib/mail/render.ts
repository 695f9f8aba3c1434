import "server-only";
import type { ReactNode } from "react";
import { toPlainText } from "@react-email/render";

/**
 * Renders a React Email tree to HTML and plain text.
 *
 * Why not `render()` from @react-email/render: it needs `react-dom/server`, which throws under the
 * `react-server` condition — and that is where emails are built here (the worker and CLI run with
 * `--conditions=react-server`; Next.js runs server actions and route handlers in its RSC layer).
 * React Email's components are hook-free `forwardRef` functions, so a static walk of the element
 * tree renders them. Text and attribute values are always escaped; `dangerouslySetInnerHTML` is
 * honoured only because React Email's Button uses it for its own Outlook comments — templates must
 * never pass payload data through it. The plain text is React Email's own converter (html-to-text
 * with its selectors), i.e. what `render(…, { plainText: true })` returns.
 */
export function renderEmail(node: ReactNode): { html: string; text: string } {
  const body = renderNode(node);
  const html = `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">${body}`;
  const text = toPlainText(body, {
    selectors: ["h1", "h2", "h3"].map((selector) => ({ selector, options: { uppercase: false } })),
  }).trim();
  return { html, text };
}

const ELEMENT = new Set([Symbol.for("react.transitional.element"), Symbol.for("react.element")]);
const FRAGMENT = Symbol.for("react.fragment");
const FORWARD_REF = Symbol.for("react.forward_ref");
const MEMO = Symbol.for("react.memo");
const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);
const ATTRIBUTE_NAMES: Record<string, string> = {
  className: "class",
  htmlFor: "for",
  httpEquiv: "http-equiv",
  acceptCharset: "accept-charset",
  charSet: "charset",
};
// React's list of CSS properties whose numbers take no "px".
const UNITLESS = new Set([
  "animationIterationCount",
  "aspectRatio",
  "columnCount",
  "columns",
  "flex",
  "flexGrow",
  "flexShrink",
  "fontWeight",
  "gridColumn",
  "gridRow",
  "lineClamp",
  "lineHeight",
  "opacity",
  "order",
  "orphans",
  "tabSize",
  "widows",
  "zIndex",
  "zoom",
]);

export function escapeHtml(s: string) {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" })[c]!);
}

interface Element {
  $$typeof: symbol;
  type: unknown;
  props: Record<string, unknown> & { children?: ReactNode };
}

function renderNode(node: unknown): string {
  if (node === null || node === undefined || typeof node === "boolean") return "";
  if (typeof node === "string") return escapeHtml(node);
  if (typeof node === "number" || typeof node === "bigint") return String(node);
  if (Array.isArray(node)) return node.map(renderNode).join("");
  const el = node as Element;
  if (typeof node !== "object" || !ELEMENT.has(el.$$typeof)) throw new Error(`Cannot render ${String(node)} in an email`);
  return renderElement(el.type, el.props);
}

function renderElement(type: unknown, props: Element["props"]): string {
  if (type === FRAGMENT) return renderNode(props.children);
  if (typeof type === "function") return renderNode((type as (p: unknown) => ReactNode)(props));
  if (typeof type === "object" && type !== null) {
    const t = type as { $$typeof: symbol; render?: (p: unknown, ref: null) => ReactNode; type?: unknown };
    if (t.$$typeof === FORWARD_REF) return renderNode(t.render!(props, null));
    if (t.$$typeof === MEMO) return renderElement(t.type, props);
  }
  if (typeof type !== "string") throw new Error("Email templates may use host elements and hook-free components only");
  let attributes = "";
  let inner: string | null = null;
  for (const [key, value] of Object.entries(props)) {
    if (key === "children" || key === "key" || key === "ref" || value === undefined || value === null || value === false) continue;
    if (typeof value === "function") continue;
    if (key === "dangerouslySetInnerHTML") {
      inner = (value as { __html: string }).__html;
      continue;
    }
    const name = ATTRIBUTE_NAMES[key] ?? key;
    if (key === "style") {
      const css = styleToCss(value as Record<string, unknown>);
      if (css) attributes += ` style="${escapeHtml(css)}"`;
    } else if (value === true) {
      attributes += name.startsWith("data-") || name.startsWith("aria-") ? ` ${name}="true"` : ` ${name}=""`;
    } else {
      attributes += ` ${name}="${escapeHtml(String(value))}"`;
    }
  }
  if (VOID.has(type)) return `<${type}${attributes}/>`;
  return `<${type}${attributes}>${inner ?? renderNode(props.children)}</${type}>`;
}

function styleToCss(style: Record<string, unknown>) {
  const parts: string[] = [];
  for (const [prop, raw] of Object.entries(style)) {
    if (raw === null || raw === undefined || raw === "" || typeof raw === "boolean") continue;
    const name = prop.startsWith("--") ? prop : prop.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/^ms-/, "-ms-");
    const value = typeof raw === "number" && raw !== 0 && !UNITLESS.has(prop) ? `${raw}px` : String(raw).trim();
    parts.push(`${name}:${value}`);
  }
  return parts.join(";");
}
