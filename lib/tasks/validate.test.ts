import { describe, expect, it } from "vitest";
import { matchSchema } from "./validate";

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
