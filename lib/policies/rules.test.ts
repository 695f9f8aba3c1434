import { describe, expect, it } from "vitest";
import { describeRule, policyRuleSchema, RULE_LIMITS, ruleMatches, ruleProblem } from "./rules";

const small = { "<=": [{ var: "amount" }, 50] };

describe("policy rules (JSON Logic, strict)", () => {
  it("matches only a field of the right type: a missing or textual amount is no small amount", () => {
    expect(ruleMatches(small, { amount: 40 })).toBe(true);
    expect(ruleMatches(small, { amount: 50 })).toBe(true);
    expect(ruleMatches(small, { amount: 60 })).toBe(false);
    // Plain JSON Logic says true to both (null ≤ 50, "40" ≤ 50): an auto-approval must not.
    expect(ruleMatches(small, {})).toBe(false);
    expect(ruleMatches(small, { amount: "40" })).toBe(false);
    expect(ruleMatches(small, { amount: null })).toBe(false);
    expect(ruleMatches(small, null)).toBe(false);
  });

  it("supports between, and/or/not, equality, membership and nested fields", () => {
    expect(ruleMatches({ "<=": [1, { var: "n" }, 4] }, { n: 4 })).toBe(true);
    expect(ruleMatches({ "<=": [1, { var: "n" }, 4] }, { n: 0 })).toBe(false);
    const rule = { and: [small, { in: [{ var: "customer.country" }, ["DE", "FR"]] }, { "!": { "==": [{ var: "vip" }, true] } }] };
    expect(ruleMatches(rule, { amount: 10, customer: { country: "FR" }, vip: false })).toBe(true);
    expect(ruleMatches(rule, { amount: 10, customer: { country: "US" } })).toBe(false);
    expect(ruleMatches({ "==": [{ var: "n" }, "1"] }, { n: 1 })).toBe(false); // no coercion
    expect(ruleMatches(true, {})).toBe(true);
    // Only exactly `true` matches: a truthy value is not a decision.
    expect(ruleMatches({ and: [{ var: "amount" }] }, { amount: 10 })).toBe(false);
  });

  it("refuses rules outside the bounded subset, saying why", () => {
    expect(ruleProblem(small)).toBeNull();
    expect(ruleProblem({ "+": [1, 2] })).toMatch(/unknown operator '\+'/);
    expect(ruleProblem({ map: [[1], { var: "" }] })).toMatch(/unknown operator 'map'/);
    expect(ruleProblem({ var: "__proto__.x" })).toMatch(/not a field/);
    expect(ruleProblem({ var: ["amount", 0] })).toMatch(/field path/); // no defaults: a missing field stays missing
    expect(ruleProblem({ "<": [1, 2], ">": [2, 1] })).toMatch(/exactly one operator/);
    let deep: unknown = small;
    for (let i = 0; i < RULE_LIMITS.maxDepth; i++) deep = { "!": deep };
    expect(ruleProblem(deep)).toMatch(/nested deeper/);
    expect(ruleProblem({ or: Array.from({ length: RULE_LIMITS.maxNodes }, () => small) })).toMatch(/more than|longer than/);
    expect(policyRuleSchema.safeParse([small]).success).toBe(false);
    expect(policyRuleSchema.safeParse("amount <= 50").success).toBe(false);
    expect(ruleMatches({ "+": [1, 2] }, {})).toBe(false);
  });

  it("reads a rule in words", () => {
    expect(describeRule(small)).toBe("amount ≤ 50");
    expect(describeRule({ "<=": [1, { var: "replicas" }, 4] })).toBe("1 ≤ replicas ≤ 4");
    expect(describeRule({ and: [small, { "==": [{ var: "currency" }, "EUR"] }] })).toBe('amount ≤ 50 and currency = "EUR"');
    expect(describeRule(true)).toBe("always");
  });
});
