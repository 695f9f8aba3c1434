import { AppError } from "@/lib/errors";
import { commandUsage, commands, usageText } from "./cli/commands";
import { parseFlags, UsageError, type Command } from "./cli/define";
import { describeError } from "./cli/errors";

/**
 * The operator CLI: `npm run cli -- <command> [flags]` (or `npm run -s cli -- …` to keep
 * npm's banner out of the JSON). stdout carries only the JSON result; errors are one line
 * on stderr. Exit codes: 0 ok, 1 the command failed, 2 bad command line.
 */
async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === "help" || name === "--help" || name === "-h") {
    process.stdout.write(`${usageText()}\n`);
    return 0;
  }
  try {
    if (!name) throw new UsageError("no command given");
    const command = (commands as Record<string, Command>)[name];
    if (!command) throw new UsageError(`unknown command '${name}'`);
    if (rest.includes("--help") || rest.includes("-h")) {
      process.stdout.write(`${commandUsage(name)}\n  ${command.summary}\n`);
      return 0;
    }
    const flags = parseFlags(name, command, rest);
    // Loaded only now: the migrator pulls in LangGraph, which is slow to import and not
    // needed for help or a bad command line.
    const { inTransaction } = await import("./cli/runtime");
    const result = await inTransaction((tx) => command.run(tx, flags));
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return command.exitCode?.(result) ?? 0;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`error: ${err.message}\n\n${err.command ? commandUsage(err.command) : usageText()}\n`);
      return 2;
    }
    if (err instanceof AppError) {
      process.stderr.write(`error: ${err.message} (${err.code})\n`);
      return 1;
    }
    process.stderr.write(`error: ${describeError(err)}\n`);
    if (process.env.ACL_DEBUG) console.error(err);
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => {
  // Exit only once stdout and stderr are flushed: a pipe that is written asynchronously (under
  // tsx, or a large mailbox) would otherwise be cut short. Exiting explicitly ends lingering
  // handles (pg, the job queue's migrator).
  process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
});
