import { randomUUID } from "node:crypto";
import { setMaxListeners } from "node:events";
import { Command } from "@langchain/langgraph";
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import pg from "pg";
import { CHECKPOINT_SCHEMA } from "@/db/migrate";
import { getWorkflow } from "@/lib/workflows";
import type { CompiledWorkflow } from "@/lib/workflows/types";

/**
 * Raw LangGraph.js: the platform's own workflow graphs, compiled with a PostgresSaver (pool 20,
 * default durability) on the same database and invoked in this process. No HTTP, no tasks, no
 * queue, no audit: what an agent costs without the control plane.
 */
export class RawLangGraph {
  private readonly pool: pg.Pool;
  private readonly saver: PostgresSaver;
  private readonly graphs = new Map<string, CompiledWorkflow>();

  constructor(
    url: string,
    private readonly teamId: string,
  ) {
    // Raw outreach runs every draft's gate as a parallel task of one step, and LangGraph adds one
    // abort listener per task to the step's signal: 500 drafts → 500 listeners, by design. The
    // platform caps a step at 10 (graphConfig); raw stays as LangGraph runs it, without the warnings.
    setMaxListeners(0);
    this.pool = new pg.Pool({ connectionString: url, max: 20 });
    this.saver = new PostgresSaver(this.pool, undefined, { schema: CHECKPOINT_SCHEMA });
  }

  private graph(workflow: string) {
    let g = this.graphs.get(workflow);
    if (!g) {
      g = getWorkflow(workflow)!.compile(this.saver);
      this.graphs.set(workflow, g);
    }
    return g;
  }

  config(threadId: string) {
    return { configurable: { thread_id: threadId, team_id: this.teamId }, recursionLimit: 100 };
  }

  /** Invokes until the first pause; returns the thread and its pending interrupt ids. */
  async start(workflow: string, input: unknown): Promise<{ threadId: string; interruptIds: string[] }> {
    const threadId = `raw_${randomUUID()}`;
    const out = (await this.graph(workflow).invoke({ input }, this.config(threadId))) as { __interrupt__?: Array<{ id: string }> };
    return { threadId, interruptIds: (out.__interrupt__ ?? []).map((i) => i.id) };
  }

  /** Resumes with a map of interrupt id → decision; returns the final state's output or the ids still pending. */
  async resume(workflow: string, threadId: string, answers: Record<string, unknown>) {
    const out = (await this.graph(workflow).invoke(new Command({ resume: answers }), this.config(threadId))) as {
      output?: unknown;
      __interrupt__?: Array<{ id: string }>;
    };
    return { output: out.output ?? null, pending: (out.__interrupt__ ?? []).length };
  }

  async close() {
    await this.pool.end();
  }
}

/** The value the engine feeds back for an approval gate (lib/hitl's `acl` protocol): the decision itself. */
export const rawDecision = (action: "approve" | "reject") => ({
  action,
  actor: { type: "api_key", id: "bench" },
  at: new Date().toISOString(),
});
