import { z } from "zod";
import type { Actor } from "@/lib/contract";
import { verifyAuditChain } from "@/lib/audit/chain";
import { listMail } from "@/lib/mail";
import {
  addMember,
  apiKeyQueuesSchema,
  apiKeyScopesSchema,
  createApiKey,
  createTeam,
  emailSchema,
  getTeamBySlugOrThrow,
  revokeApiKey,
  roleSchema,
  slugSchema,
} from "@/lib/teams";
import { getWebhookSecret, rotateWebhookSecret } from "@/lib/webhooks/secrets";
import { csvList, defineCommand, type Command } from "./define";

/** Everything the CLI does is audited as this actor. */
export const CLI_ACTOR: Actor = { type: "system", id: "cli" };

const name = z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters");

/**
 * The command table. To add a command, add an entry here: its flags (zod), a usage line,
 * and a body that receives an open transaction. Nothing else needs to change.
 */
export const commands = {
  "team:create": defineCommand({
    summary: "Create a team, its owner (membership) and a first API key.",
    usage: "--slug S --owner EMAIL [--name N]",
    flags: z.object({ slug: slugSchema, owner: emailSchema, name: name.optional() }),
    async run(tx, flags) {
      const created = await createTeam({ slug: flags.slug, name: flags.name, ownerEmail: flags.owner, actor: CLI_ACTOR }, tx);
      const key = await createApiKey({ teamId: created.team.id, name: "default", actor: CLI_ACTOR }, tx);
      return { team: created.team, owner: created.owner, apiKey: key.apiKey, apiKeyId: key.id };
    },
  }),

  "apikey:create": defineCommand({
    summary:
      "Create an API key for a team (printed once, never stored). Scopes: runs, tasks, decide (default runs,tasks); --queues limits the queues it sees and decides.",
    usage: "--team S [--name N] [--scopes runs,tasks,decide] [--queues q1,q2]",
    flags: z.object({
      team: slugSchema,
      name: name.optional(),
      scopes: csvList.pipe(apiKeyScopesSchema).optional(),
      queues: csvList.pipe(apiKeyQueuesSchema).optional(),
    }),
    async run(tx, flags) {
      const team = await getTeamBySlugOrThrow(flags.team, tx);
      const key = await createApiKey(
        { teamId: team.id, name: flags.name, actor: CLI_ACTOR, scopes: flags.scopes, queues: flags.queues },
        tx,
      );
      return {
        apiKey: key.apiKey,
        id: key.id,
        scopes: key.scopes,
        queues: key.queues,
        name: key.name,
        prefix: key.prefix,
        team: { id: team.id, slug: team.slug },
      };
    },
  }),

  "apikey:revoke": defineCommand({
    summary: "Revoke an API key; requests with it fail with 401 from now on.",
    usage: "--id ID",
    flags: z.object({ id: z.string().trim().min(1, "must not be empty") }),
    async run(tx, flags) {
      return revokeApiKey({ keyId: flags.id, actor: CLI_ACTOR }, tx);
    },
  }),

  "member:add": defineCommand({
    summary: "Add a member to a team (or change an existing member's role and queues).",
    usage: "--team S --email E --role owner|admin|reviewer|viewer [--queues q1,q2]",
    flags: z.object({ team: slugSchema, email: emailSchema, role: roleSchema, queues: csvList.optional() }),
    async run(tx, flags) {
      const team = await getTeamBySlugOrThrow(flags.team, tx);
      const added = await addMember({ teamId: team.id, email: flags.email, role: flags.role, queues: flags.queues, actor: CLI_ACTOR }, tx);
      return { team: { id: team.id, slug: team.slug }, ...added };
    },
  }),

  "audit:verify": defineCommand({
    summary: "Verify a team's audit hash chain: {ok: true, events: N} (exit 0), or the first broken link (exit 1).",
    usage: "--team S",
    flags: z.object({ team: slugSchema }),
    async run(tx, flags) {
      const team = await getTeamBySlugOrThrow(flags.team, tx);
      return verifyAuditChain({ teamId: team.id }, tx);
    },
    exitCode: (result) => ((result as { ok: boolean }).ok ? 0 : 1),
  }),

  "mail:list": defineCommand({
    summary: "List messages in the email outbox (the development mailbox), newest first.",
    usage: "[--to EMAIL]",
    flags: z.object({ to: emailSchema.optional() }),
    async run(tx, flags) {
      const messages = await listMail({ to: flags.to }, tx);
      return messages.map((m) => ({
        id: m.id,
        to: m.to,
        subject: m.subject,
        text: m.text,
        html: m.html,
        status: m.status,
        createdAt: m.createdAt,
      }));
    },
  }),

  "webhook:secret": defineCommand({
    summary: "Print the team's webhook signing secret (created on first use); --rotate replaces it (audited).",
    usage: "--team S [--rotate]",
    flags: z.object({ team: slugSchema, rotate: z.boolean().optional() }),
    async run(tx, flags) {
      const team = await getTeamBySlugOrThrow(flags.team, tx);
      const secret = flags.rotate
        ? await rotateWebhookSecret({ teamId: team.id, actor: CLI_ACTOR }, tx)
        : await getWebhookSecret({ teamId: team.id, actor: CLI_ACTOR }, tx);
      return { secret };
    },
  }),

  "demo:seed": defineCommand({
    summary:
      "Start demo runs of every built-in workflow for a team (as a new 'demo-agent' key with scopes runs,tasks) and wait until they pause for review.",
    usage: "--team S",
    flags: z.object({ team: slugSchema }),
    async run(tx, flags) {
      const team = await getTeamBySlugOrThrow(flags.team, tx);
      // Loaded lazily: the engine pulls in LangGraph, which the other commands do not need.
      const [{ seedDemo, waitForRunsToSettle }, { startWorker }] = await Promise.all([
        import("@/lib/demo/seed"),
        import("@/lib/engine/worker"),
      ]);
      // The runs are requested by an agent's key, as in production: separation of duties keeps that
      // key from deciding them, while the team's members review them in the dashboard.
      const agent = await createApiKey({ teamId: team.id, name: "demo-agent", actor: CLI_ACTOR }, tx);
      // seedDemo commits its runs in its own transactions, so a worker here can pick them up.
      const started = await seedDemo({ teamId: team.id, actor: { type: "api_key", id: agent.id } });
      const worker = await startWorker();
      try {
        const settled = await waitForRunsToSettle(started.map((r) => r.id));
        const status = new Map(settled.map((r) => [r.id, r.status]));
        return {
          agentKey: { id: agent.id, name: agent.name, scopes: agent.scopes },
          runs: started.map((r) => ({ id: r.id, workflow: r.workflow, status: status.get(r.id) ?? "queued" })),
        };
      } finally {
        await worker.stop();
      }
    },
  }),
} satisfies Record<string, Command>;

export type CommandName = keyof typeof commands;

export function usageText(): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  const lines = Object.entries(commands).map(([n, c]) => `  ${n.padEnd(width)}  ${c.usage}\n  ${" ".repeat(width)}  ${c.summary}`);
  return [
    "usage: npm run cli -- <command> [flags]",
    "",
    "commands:",
    ...lines,
    "",
    "Prints JSON on stdout. Uses DATABASE_URL, or the embedded database in .data/ when it is unset.",
  ].join("\n");
}

export function commandUsage(commandName: string): string {
  const command = (commands as Record<string, Command>)[commandName];
  return command ? `usage: npm run cli -- ${commandName} ${command.usage}` : usageText();
}
