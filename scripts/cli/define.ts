import { parseArgs, type ParseArgsConfig } from "node:util";
import { z } from "zod";
import type { Tx } from "@/db/client";

/**
 * A CLI command: its flags are one zod object (the single source of truth for parsing,
 * validation and the usage text), its body runs inside one database transaction.
 */
export interface Command<Flags extends z.ZodObject = z.ZodObject> {
  summary: string;
  flags: Flags;
  /** Shown after the command name in the usage text, e.g. `--slug S --owner EMAIL [--name N]`. */
  usage: string;
  // Method syntax on purpose: lets a table of differently-typed commands share one type.
  run(tx: Tx, flags: z.infer<Flags>): Promise<unknown>;
  /** The exit code for a result the command printed (default 0), e.g. 1 for a failed check. */
  exitCode?(result: unknown): number;
}

/** Keeps each command's flag types inferred while the table stays a plain record. */
export function defineCommand<Flags extends z.ZodObject>(command: Command<Flags>): Command<Flags> {
  return command;
}

/** Bad command line: printed with the usage text, exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    public readonly command?: string,
  ) {
    super(message);
    this.name = "UsageError";
  }
}

type SchemaDef = { type: string; innerType?: z.ZodType };

/** Boolean flags take no value (`--dry-run`); every other flag takes one (`--slug acme`). */
function isBooleanFlag(schema: z.ZodType): boolean {
  let def = schema._zod.def as SchemaDef;
  while (def.innerType) def = def.innerType._zod.def as SchemaDef;
  return def.type === "boolean";
}

export function parseFlags<Flags extends z.ZodObject>(name: string, command: Command<Flags>, argv: string[]): z.infer<Flags> {
  const shape = command.flags.shape as Record<string, z.ZodType>;
  const options: NonNullable<ParseArgsConfig["options"]> = {};
  for (const [key, schema] of Object.entries(shape)) {
    options[key] = { type: isBooleanFlag(schema) ? "boolean" : "string" };
  }
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false }));
  } catch (err) {
    // node's first line is precise ("Unknown option '--x'"); the rest are hints for scripts.
    const message = err instanceof Error ? err.message.split("\n")[0]!.split(". To specify")[0]! : String(err);
    throw new UsageError(message, name);
  }
  const parsed = command.flags.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0] ?? "");
    if (key && values[key] === undefined) throw new UsageError(`missing required flag --${key}`, name);
    throw new UsageError(key ? `invalid --${key} ${JSON.stringify(values[key])}: ${issue.message}` : issue.message, name);
  }
  return parsed.data;
}

/** `q1, q2,,q3` → ["q1", "q2", "q3"] */
export const csvList = z
  .string()
  .transform((s) =>
    s
      .split(",")
      .map((part) => part.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string()).min(1, "needs at least one name"));
