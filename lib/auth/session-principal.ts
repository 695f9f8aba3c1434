import type { NextRequest } from "next/server";
import type { Principal } from "./principal";

/**
 * Resolves a signed-in browser session (same-origin only) to a principal for its current team.
 * Filled in by the dashboard's auth (next-auth); until a session exists, API keys are the way in.
 */
export async function getSessionPrincipal(_req: NextRequest): Promise<Principal | null> {
  return null;
}
