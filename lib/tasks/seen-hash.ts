import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import type { TaskRow } from "@/db/schema";

/**
 * The hash of what a reviewer is shown of a task: its content (payload, title, description,
 * question, schema, allowed actions), where it is (queue) and which interrupt it answers.
 * The dashboard sends it back with every decision (`seenHash`); a decision on a task that has
 * changed since is refused, so nobody approves something other than what they read.
 * Canonical JSON (RFC 8785) keeps it independent of key order.
 */
export function taskSeenHash(
  task: Pick<
    TaskRow,
    "id" | "interruptId" | "interruptIndex" | "queue" | "title" | "description" | "payload" | "schema" | "allowed" | "question"
  >,
): string {
  const seen = {
    id: task.id,
    interrupt: task.interruptId ? `${task.interruptId}#${task.interruptIndex}` : null,
    queue: task.queue,
    title: task.title,
    description: task.description ?? null,
    question: task.question ?? null,
    payload: task.payload ?? null,
    schema: task.schema ?? null,
    allowed: task.allowed,
  };
  return createHash("sha256").update(canonicalize(seen)!).digest("hex");
}
