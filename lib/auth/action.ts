import "server-only";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { describeZodError } from "@/lib/errors";
import { AppError } from "@/lib/errors";
import type { ActionError, ActionResult } from "./action-result";
import { getCurrentContext, getSessionUser } from "./current";
import { roleCan, type Permission } from "@/lib/access/permissions";
import type { SessionUser, TeamContext, UserPrincipal } from "./team-context";

export type { ActionError, ActionResult };

export interface UserActionContext {
  user: SessionUser;
}
export interface TeamActionContext extends UserActionContext {
  principal: UserPrincipal;
  teamId: string;
  actor: UserPrincipal["actor"];
  membership: NonNullable<TeamContext["membership"]>;
}

function toActionError(err: unknown): ActionError {
  if (err instanceof AppError) return { code: err.code, message: err.message };
  if (err instanceof z.ZodError) return { code: "invalid_request", message: describeZodError(err, "input") };
  console.error("[action] failed:", err);
  return { code: "internal", message: "Something went wrong on our side. Please try again." };
}

/** Form posts arrive as FormData; everything else as a plain object. */
function normalizeInput(input: unknown): unknown {
  return input instanceof FormData ? Object.fromEntries(input.entries()) : input;
}

async function run<T>(body: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await body() };
  } catch (err) {
    unstable_rethrow(err); // let redirect()/notFound() do their job
    return { ok: false, error: toActionError(err) };
  }
}

/**
 * A server action for a signed-in user who may not belong to a team yet (onboarding,
 * switching teams): checks the session, parses the input with zod, maps errors.
 */
export function userAction<S extends z.ZodType, T>(
  schema: S,
  fn: (input: z.output<S>, ctx: UserActionContext) => Promise<T>,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return (input) =>
    run(async () => {
      const user = await getSessionUser();
      if (!user) throw new AppError("unauthenticated", "Your session has ended: sign in again.");
      const parsed = schema.parse(normalizeInput(input));
      return fn(parsed, { user });
    });
}

/**
 * A server action for a member of the current team: checks the session, the membership, the
 * role's permission (null = any member), parses the input with zod, and maps errors to
 * `{ok: false, error: {code, message}}`. Services get `teamId` and `actor` from here only.
 */
export function teamAction<S extends z.ZodType, T>(
  permission: Permission | null,
  schema: S,
  fn: (input: z.output<S>, ctx: TeamActionContext) => Promise<T>,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return (input) =>
    run(async () => {
      const ctx = await getCurrentContext();
      if (!ctx) throw new AppError("unauthenticated", "Your session has ended: sign in again.");
      const { principal, membership } = ctx;
      if (!principal || !membership) throw new AppError("forbidden", "You are not a member of this team.");
      if (permission && !roleCan(principal.role, permission)) {
        throw new AppError("forbidden", `Your role (${principal.role}) may not do this.`);
      }
      const parsed = schema.parse(normalizeInput(input));
      return fn(parsed, { user: ctx.user, principal, membership, teamId: principal.teamId, actor: principal.actor });
    });
}
