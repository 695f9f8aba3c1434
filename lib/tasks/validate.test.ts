import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { assertMatchesSchema } from "./validate";

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

describe("assertMatchesSchema", () => {
  it("passes a valid payload", () => {
    expect(() => assertMatchesSchema(schema, { to: "a@b.co", subject: "Hi", amount: 5 })).not.toThrow();
  });

  it("throws 422 listing every failing path", () => {
    try {
      assertMatchesSchema(schema, { to: "nope", amount: 500, extra: 1 });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      const e = err as AppError;
      expect(e.code).toBe("unprocessable");
      expect(e.message).toContain("payload.to");
      expect(e.message).toContain("payload.subject");
      expect(e.message).toContain("payload.amount");
      expect(e.message).toContain("payload.extra");
    }
  });
});
