import "server-only";
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import { getPool } from "@/db/client";
import { CHECKPOINT_SCHEMA } from "@/db/migrate";

const g = globalThis as unknown as { __aclSaver?: PostgresSaver };

/** One checkpointer per process, on the app's pool; tables live in the `langgraph` schema. */
export function getCheckpointer(): PostgresSaver {
  if (!g.__aclSaver) g.__aclSaver = new PostgresSaver(getPool(), undefined, { schema: CHECKPOINT_SCHEMA });
  return g.__aclSaver;
}
