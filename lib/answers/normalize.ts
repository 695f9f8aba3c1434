import { createHash } from "node:crypto";

/**
 * Clarification questions are grouped by what they ask, not how they are typed: the same
 * question with other spacing, case, punctuation, full-width characters or a different
 * customer's e-mail address or ticket id is one group. Pure and bounded: the input is cut to
 * MAX_QUESTION_CHARS before any work, and every step is a single linear pass.
 *
 * Plain numbers are kept on purpose: "refund more than 100?" and "more than 10000?" are not the
 * same question, and an answer may be applied automatically to the whole group.
 */
export const MAX_QUESTION_CHARS = 2_000;

const EDGE_PUNCT = /^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu;
const PUNCT = /[\p{P}\p{S}]+/gu;
const HEX_OR_UUID = /^[0-9a-f]{8,}$|^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/;
const HAS_DIGIT = /\d/;
const HAS_LETTER = /\p{L}/u;

function isEmail(token: string) {
  const at = token.indexOf("@");
  return at > 0 && at === token.lastIndexOf("@") && token.indexOf(".", at + 2) > at + 1 && !token.endsWith(".");
}

function classify(raw: string): string {
  const token = raw.replace(EDGE_PUNCT, "");
  if (!token) return "";
  if (/^(https?:\/\/|www\.)/.test(token)) return "<url>";
  if (isEmail(token)) return "<email>";
  if (HEX_OR_UUID.test(token) && HAS_DIGIT.test(token)) return "<id>";
  // Ticket, order and record ids: "#4821", "ord_8f3k2x", "INV-2024-0042" (letters and digits, or a # number).
  if (/^#\d+$/.test(raw.replace(/[\p{P}\p{S}]+$/u, ""))) return "<id>";
  if (token.length >= 5 && HAS_DIGIT.test(token) && HAS_LETTER.test(token) && /[_-]|\d\p{L}|\p{L}\d/u.test(token)) return "<id>";
  return token.replace(PUNCT, " ").trim();
}

/** The text questions are compared by: NFKC, lower case, placeholders for e-mails, URLs and ids, no punctuation, single spaces. */
export function normalizeQuestion(question: string): string {
  const text = question.slice(0, MAX_QUESTION_CHARS).normalize("NFKC").toLowerCase();
  return text.split(/\s+/).map(classify).filter(Boolean).join(" ").replace(/\s+/g, " ").trim();
}

/** The group key stored on a clarification task: a hash of the normalised text (null for an empty question). */
export function questionKey(question: string | null | undefined): string | null {
  if (!question) return null;
  const normalized = normalizeQuestion(question);
  if (!normalized) return null;
  return createHash("sha256").update(normalized).digest("hex").slice(0, 32);
}
