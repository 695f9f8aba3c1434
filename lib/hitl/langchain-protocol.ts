import { z } from "zod";

/**
 * LangChain's tool-call review dialect: `humanInTheLoopMiddleware` (the `langchain` package's
 * `createAgent`) interrupts once per model turn with every gated tool call of that turn and
 * expects one decision per call, in order. LangChain.js writes it in camelCase
 * (`actionRequests`, `reviewConfigs`, `editedAction`), Python LangChain in snake_case; both are
 * accepted and answered in the dialect they were asked in. Pure module.
 */
export const TOOL_DECISIONS = ["approve", "edit", "reject"] as const;
export type ToolDecisionType = (typeof TOOL_DECISIONS)[number];

/** Bounded: a model turn with more gated calls than this is not a reviewable request. */
export const MAX_TOOL_CALLS_PER_INTERRUPT = 50;

const actionRequest = z.object({
  name: z.string().min(1).max(200),
  args: z.record(z.string(), z.unknown()),
  description: z.string().max(10_000).nullish(),
});
const jsonSchema = z.record(z.string(), z.unknown());

const camelRequest = z.object({
  actionRequests: z.array(actionRequest).min(1).max(MAX_TOOL_CALLS_PER_INTERRUPT),
  reviewConfigs: z.array(
    z.object({ actionName: z.string(), allowedDecisions: z.array(z.enum(TOOL_DECISIONS)).min(1), argsSchema: jsonSchema.nullish() }),
  ),
});
const snakeRequest = z.object({
  action_requests: z.array(actionRequest).min(1).max(MAX_TOOL_CALLS_PER_INTERRUPT),
  review_configs: z.array(
    z.object({ action_name: z.string(), allowed_decisions: z.array(z.enum(TOOL_DECISIONS)).min(1), args_schema: jsonSchema.nullish() }),
  ),
});

export type ToolCallDialect = "camel" | "snake";

/** One gated tool call, whichever dialect asked. */
export interface ToolCallReview {
  name: string;
  args: Record<string, unknown>;
  description: string | null;
  allowed: ToolDecisionType[];
  argsSchema: Record<string, unknown> | null;
}

/** Reads a HITL middleware interrupt value; null when the value is something else. */
export function parseToolCallInterrupt(value: unknown): { dialect: ToolCallDialect; calls: ToolCallReview[] } | null {
  const camel = camelRequest.safeParse(value);
  if (camel.success) {
    const configs = camel.data.reviewConfigs.map((c) => ({
      name: c.actionName,
      allowed: c.allowedDecisions,
      schema: c.argsSchema ?? null,
    }));
    return { dialect: "camel", calls: pair(camel.data.actionRequests, configs) };
  }
  const snake = snakeRequest.safeParse(value);
  if (snake.success) {
    const configs = snake.data.review_configs.map((c) => ({
      name: c.action_name,
      allowed: c.allowed_decisions,
      schema: c.args_schema ?? null,
    }));
    return { dialect: "snake", calls: pair(snake.data.action_requests, configs) };
  }
  return null;
}

type Config = { name: string; allowed: ToolDecisionType[]; schema: Record<string, unknown> | null };

// The middleware writes one review config per action request, in order; match by position when
// the name agrees, else by name (a hand-written request may list each tool's config once).
function pair(requests: z.infer<typeof actionRequest>[], configs: Config[]): ToolCallReview[] {
  return requests.map((r, i) => {
    const config = configs[i]?.name === r.name ? configs[i] : configs.find((c) => c.name === r.name);
    return {
      name: r.name,
      args: r.args,
      description: r.description ?? null,
      allowed: config?.allowed ?? ["reject"],
      argsSchema: config?.schema ?? null,
    };
  });
}

/** A reviewer's answer to one call, before it is shaped for the dialect. */
export type ToolCallDecision =
  { type: "approve" } | { type: "edit"; name: string; args: Record<string, unknown> } | { type: "reject"; message?: string };

/** The resume value: `{decisions: [...]}`, one per call, in the order they were asked. */
export function toolCallResume(dialect: ToolCallDialect, decisions: ToolCallDecision[]) {
  return {
    decisions: decisions.map((d) => {
      if (d.type === "edit") {
        const action = { name: d.name, args: d.args };
        return dialect === "camel" ? { type: "edit", editedAction: action } : { type: "edit", edited_action: action };
      }
      return d.type === "reject" && d.message !== undefined ? { type: "reject", message: d.message } : { type: d.type };
    }),
  };
}
