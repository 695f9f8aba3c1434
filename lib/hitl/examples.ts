import { getConfig, type LangGraphRunnableConfig } from "@langchain/langgraph";

/**
 * Few-shot examples from the feedback sink: what reviewers made of earlier drafts of this
 * workflow. Promoted examples come first (latest first); unreviewed edits fill the remaining
 * places unless `promotedOnly`; retired ones never come back. The engine puts the loader in the
 * run's `configurable` (lib/hitl stays free of services); outside the engine there are none.
 */

export interface FewShotExample {
  id: string;
  taskId: string;
  /** The agent's draft. */
  original: unknown;
  /** What the human made of it. */
  edited: unknown;
  comment: string | null;
  promoted: boolean;
  at: string;
}

export interface FewShotQuery {
  /** How many at most (default 3, capped at 20). */
  limit?: number;
  promotedOnly?: boolean;
}

export type FewShotLoader = (query: Required<FewShotQuery>) => Promise<FewShotExample[]>;

/** The `configurable` key under which the engine passes the loader. */
export const FEW_SHOT_LOADER_KEY = "acl_few_shot_examples";

export async function fewShotExamples(query: FewShotQuery = {}, config?: LangGraphRunnableConfig): Promise<FewShotExample[]> {
  let c = config;
  if (!c) {
    try {
      c = getConfig();
    } catch {
      c = undefined;
    }
  }
  const loader = c?.configurable?.[FEW_SHOT_LOADER_KEY] as FewShotLoader | undefined;
  if (typeof loader !== "function") return [];
  return loader({ limit: Math.max(0, Math.min(query.limit ?? 3, 20)), promotedOnly: query.promotedOnly ?? false });
}
