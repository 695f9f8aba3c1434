import type { Role, TaskAction, TaskKind } from "@/lib/contract";

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
  protocol: "acl" | "agent-inbox" | "agent-inbox-list" | "langchain-hitl" | "raw";
  /**
   * What a gate declared about its task beyond the columns above (lib/hitl GatePolicyOptions).
   * Carried for the services that enforce them: reminders and timeout outcomes (deadlines),
   * quorum (governance), requesterMayDecide (separation of duties).
   */
  remindAt?: Date | null;
  onTimeout?: "expire" | "reject" | "approve" | "escalate" | null;
  escalateTo?: string | null;
  quorum?: number | null;
  fromRoles?: Role[] | null;
  requesterMayDecide?: boolean | null;
}
