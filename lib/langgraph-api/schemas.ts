import { z } from "zod";

/**
 * Request bodies and queries of the LangGraph Platform API, as @langchain/langgraph-sdk sends
 * them (snake_case, `null` for "not given"). Fields the SDK may send but this server does not
 * act on are accepted and ignored (listed per schema) so that unchanged clients keep working.
 */

const jsonObject = z.record(z.string(), z.unknown());
const metadata = jsonObject.nullish();
/** LangGraph's thread and run ids are UUIDs (any version: the SDK mints v4 and v7). */
export const uuidSchema = z.guid("must be a UUID");

export const THREAD_STATUSES = ["idle", "busy", "interrupted", "error"] as const;
export type ThreadStatus = (typeof THREAD_STATUSES)[number];

const streamMode = z.union([z.string().max(50), z.array(z.string().max(50)).max(20)]).nullish();

export const threadCreateBody = z.object({
  thread_id: uuidSchema.nullish(),
  metadata,
  if_exists: z.enum(["raise", "do_nothing"]).nullish(),
  // ignored: graph_id (the SDK folds it into metadata), supersteps, ttl
});

export const threadPatchBody = z.object({ metadata: jsonObject });

const sortOrder = z.enum(["asc", "desc"]).nullish();

export const threadSearchBody = z.object({
  metadata,
  ids: z.array(uuidSchema).max(1000).nullish(),
  status: z.enum(THREAD_STATUSES).nullish(),
  limit: z.number().int().min(1).max(1000).nullish(),
  offset: z.number().int().min(0).max(1_000_000).nullish(),
  sort_by: z.enum(["thread_id", "status", "created_at", "updated_at", "state_updated_at"]).nullish(),
  sort_order: sortOrder,
  select: z.array(z.string().max(50)).max(20).nullish(),
  values: jsonObject.nullish(),
  // ignored: extract
});
export type ThreadSearchBody = z.infer<typeof threadSearchBody>;

export const threadCountBody = threadSearchBody.pick({ metadata: true, status: true, values: true });

const checkpointRef = z
  .object({ checkpoint_id: z.string().max(100).nullish() })
  .passthrough()
  .nullish();

export const stateUpdateBody = z.object({
  values: z.unknown().optional(),
  as_node: z.string().max(200).nullish(),
  checkpoint: checkpointRef,
  checkpoint_id: z.string().max(100).nullish(),
});

export const historyBody = z.object({
  limit: z.number().int().min(1).max(1000).nullish(),
  before: z
    .union([z.string().max(100), z.object({ configurable: z.object({ checkpoint_id: z.string().max(100) }).passthrough() })])
    .nullish(),
  metadata,
  checkpoint: checkpointRef,
  // ignored: select
});

export const historyQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(10),
  before: z.string().max(100).optional(),
});

export const runCreateBody = z.object({
  assistant_id: z.string().min(1, "is required").max(200),
  input: z.unknown().optional(),
  command: z
    .object({
      resume: z.unknown().optional(),
      goto: z.unknown().optional(),
      update: z.unknown().optional(),
    })
    .nullish(),
  metadata,
  stream_mode: streamMode,
  multitask_strategy: z.enum(["reject", "interrupt", "rollback", "enqueue"]).nullish(),
  if_not_exists: z.enum(["create", "reject"]).nullish(),
  // ignored: config, context, interrupt_before/after, checkpoint(_id), webhook, on_completion,
  // on_disconnect (runs are durable: they always continue), after_seconds, durability, …
});
export type RunCreateBody = z.infer<typeof runCreateBody>;

export const runListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(10),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  status: z.enum(["pending", "running", "error", "success", "timeout", "interrupted"]).optional(),
});

export const runCancelQuery = z.object({
  wait: z.enum(["0", "1", "true", "false"]).optional(),
  action: z.enum(["interrupt", "rollback"]).optional(),
});

export const joinStreamQuery = z.object({
  stream_mode: z.union([z.string().max(50), z.array(z.string().max(50))]).optional(),
});

export const assistantSearchBody = z.object({
  graph_id: z.string().max(200).nullish(),
  name: z.string().max(200).nullish(),
  metadata,
  limit: z.number().int().min(1).max(1000).nullish(),
  offset: z.number().int().min(0).nullish(),
  sort_by: z.enum(["assistant_id", "graph_id", "name", "created_at", "updated_at"]).nullish(),
  sort_order: sortOrder,
  select: z.array(z.string().max(50)).max(20).nullish(),
});

/** The stream modes a run emits; LangGraph's default is ["values"]. */
export function streamModesOf(value: string | string[] | null | undefined): string[] {
  const modes = value == null ? [] : Array.isArray(value) ? value : [value];
  return modes.length > 0 ? [...new Set(modes)] : ["values"];
}
