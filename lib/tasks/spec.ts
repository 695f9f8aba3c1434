import type { TaskAction, TaskKind } from "@/lib/contract";

/** What the engine needs to create one task from one pending interrupt (lib/engine/interrupts.ts builds it). */
export interface TaskSpec {
  kind: TaskKind;
  queue: string;
  title: string;
  description: string | null;
  payload: unknown;
  schema: Record<string, unknown> | null;
  allowed: TaskAction[];
  confidence: number | null;
  question: string | null;
  dueAt: Date | null;
  /** How to shape the resume value for the node that asked. */
  protocol: "acl" | "agent-inbox" | "agent-inbox-list" | "raw";
}
