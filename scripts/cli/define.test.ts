import { describe, expect, it } from "vitest";
import { z } from "zod";
import { csvList, defineCommand, parseFlags, UsageError } from "./define";

const command = defineCommand({
  summary: "test",
  usage: "--team S [--limit N] [--dry-run] [--queues q1,q2]",
  flags: z.object({
    team: z.string().min(2),
    limit: z.coerce.number().int().positive().default(10),
    "dry-run": z.boolean().optional(),
    queues: csvList.optional(),
  }),
  async run() {
    return null;
  },
});

function usageError(argv: string[]): UsageError {
  try {
    parseFlags("x:test", command, argv);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).command).toBe("x:test");
    return err as UsageError;
  }
  throw new Error("expected a UsageError");
}

describe("parseFlags", () => {
  it("parses string, coerced, boolean and list flags", () => {
    expect(parseFlags("x:test", command, ["--team", "acme", "--limit", "5", "--dry-run", "--queues", "a, b,,c"])).toEqual({
      team: "acme",
      limit: 5,
      "dry-run": true,
      queues: ["a", "b", "c"],
    });
    expect(parseFlags("x:test", command, ["--team=acme"])).toEqual({ team: "acme", limit: 10 });
  });

  it("names a missing required flag", () => {
    expect(usageError([]).message).toBe("missing required flag --team");
  });

  it("names an invalid value and why", () => {
    expect(usageError(["--team", "a"]).message).toMatch(/^invalid --team "a": /);
    expect(usageError(["--team", "acme", "--limit=-1"]).message).toMatch(/^invalid --limit "-1": /);
    expect(usageError(["--team", "acme", "--limit", "-1"]).message).toBe("Option '--limit' argument is ambiguous.");
    expect(usageError(["--team", "acme", "--queues", " , "]).message).toMatch(/needs at least one name/);
  });

  it("rejects unknown flags, positionals and values given to boolean flags", () => {
    expect(usageError(["--team", "acme", "--nope", "1"]).message).toMatch(/Unknown option '--nope'/);
    expect(usageError(["--team", "acme", "stray"]).message).toMatch(/stray/);
    expect(usageError(["--team", "acme", "--dry-run=yes"]).message).toMatch(/dry-run/);
  });
});
