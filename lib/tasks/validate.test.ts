import { describe, expect, it } from "vitest";
import { assertValidSchema, matchSchema, SCHEMA_LIMITS } from "./validate";

const schema = {
  type: "object",
  required: ["to", "subject", "amount"],
  properties: {
    to: { type: "string", format: "email" },
    subject: { type: "string", minLength: 1 },
    amount: { type: "number", maximum: 100 },
  },
  additionalProperties: false,
};

describe("matchSchema", () => {
  it("returns null for a valid payload", () => {
    expect(matchSchema(schema, { to: "a@b.co", subject: "Hi", amount: 5 })).toBeNull();
  });

  it("lists every failing path", () => {
    const result = matchSchema(schema, { to: "nope", amount: 500, extra: 1 });
    expect(result?.failures.map((f) => f.path).sort()).toEqual(["payload.amount", "payload.extra", "payload.subject", "payload.to"]);
    for (const path of ["payload.to", "payload.subject", "payload.amount", "payload.extra"]) expect(result?.message).toContain(path);
  });
});

describe("agent schemas are bounded", () => {
  it("runs patterns in linear time: ^(a+)+$ against a long edit answers at once", () => {
    const hostile = { type: "object", properties: { code: { type: "string", pattern: "^(a+)+$" } } };
    const started = performance.now();
    // With a backtracking engine 40 characters take hours; here 100,000 take milliseconds.
    expect(matchSchema(hostile, { code: `${"a".repeat(100_000)}!` })?.failures.map((f) => f.path)).toEqual(["payload.code"]);
    expect(matchSchema(hostile, { code: "aaaa" })).toBeNull();
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("checks patternProperties with the same engine", () => {
    const schema = { type: "object", patternProperties: { "^x_": { type: "number" } } };
    expect(matchSchema(schema, { x_a: 1, y: "free" })).toBeNull();
    expect(matchSchema(schema, { x_a: "no" })?.failures.map((f) => f.path)).toEqual(["payload.x_a"]);
  });

  it("refuses, naming the field, patterns that need backtracking, and schemas too large or too deep", () => {
    expect(() => assertValidSchema({ type: "string", pattern: "^(?=a)" })).toThrow(/^schema: pattern "\^\(\?=a\)" is not supported/);
    expect(() => assertValidSchema({ patternProperties: { "(a)\\1": { type: "number" } } })).toThrow(
      /^schema: pattern .* is not supported/,
    );
    expect(() => assertValidSchema({ description: "x".repeat(SCHEMA_LIMITS.maxBytes) })).toThrow(
      /^schema: too large \(\d+ bytes; at most 32768\)/,
    );
    let deep: Record<string, unknown> = { type: "string" };
    for (let i = 0; i < SCHEMA_LIMITS.maxDepth; i++) deep = { type: "object", properties: { a: deep } };
    expect(() => assertValidSchema(deep)).toThrow(/^schema: nested more than 32 levels deep/);
    expect(() => assertValidSchema({ type: "nope" })).toThrow(/^schema: not a valid JSON Schema/);
  });

  it("compiles each distinct schema once, and two schemas may share an $id", () => {
    expect(matchSchema({ $id: "https://agents.example/draft", type: "string" }, "x")).toBeNull();
    expect(matchSchema({ $id: "https://agents.example/draft", type: "number" }, 1)).toBeNull();
    expect(matchSchema({ $id: "https://agents.example/draft", type: "number" }, "x")?.failures[0]?.message).toBe("must be number");
  });

  it("checks uniqueItems by JSON equality in linear time", () => {
    const schema = { type: "array", uniqueItems: true };
    expect(
      matchSchema(schema, [
        { a: 1, b: 2 },
        { b: 2, a: 1 },
      ])?.failures[0]?.message,
    ).toBe("must NOT have duplicate items");
    expect(matchSchema(schema, [1, "1", [1], { a: 1 }])).toBeNull();
    // Ajv's pairwise check took 67 s for 20,000 distinct objects.
    const started = performance.now();
    expect(
      matchSchema(
        schema,
        Array.from({ length: 20_000 }, (_, i) => ({ i })),
      ),
    ).toBeNull();
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
