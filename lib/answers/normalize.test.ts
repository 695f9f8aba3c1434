import { describe, expect, it } from "vitest";
import { MAX_QUESTION_CHARS, normalizeQuestion, questionKey } from "./normalize";

describe("normalizeQuestion", () => {
  it("ignores case, spacing, punctuation and Unicode compatibility forms", () => {
    const base = normalizeQuestion("Which plan is the customer on?");
    expect(base).toBe("which plan is the customer on");
    expect(normalizeQuestion("  which   PLAN is\tthe customer\non ??")).toBe(base);
    expect(normalizeQuestion("Ｗｈｉｃｈ plan is the customer on？")).toBe(base); // full-width (NFKC)
    expect(normalizeQuestion("Which plan — is the customer on...")).toBe(base);
  });

  it("replaces e-mails, URLs and ids with placeholders but keeps plain numbers", () => {
    expect(normalizeQuestion("Is jane@example.com a VIP?")).toBe("is <email> a vip");
    expect(normalizeQuestion("Is bob.smith@corp.example.org a VIP?")).toBe("is <email> a vip");
    expect(normalizeQuestion("Refund order #4821?")).toBe("refund order <id>");
    expect(normalizeQuestion("Refund order ord_8f3k2x?")).toBe("refund order <id>");
    expect(normalizeQuestion("See https://x.test/a?b=1 first")).toBe("see <url> first");
    expect(normalizeQuestion("Run 3f2a9c1e-1b2c-4d5e-8f90-112233445566 again?")).toBe("run <id> again");
    expect(normalizeQuestion("Refund more than 100?")).not.toBe(normalizeQuestion("Refund more than 10000?"));
  });
});

describe("questionKey", () => {
  it("is equal for the same question typed differently, different otherwise, null when empty", () => {
    expect(questionKey("Is  jane@example.com a VIP?")).toBe(questionKey("is bob@example.org a vip"));
    expect(questionKey("Is this a VIP?")).not.toBe(questionKey("Is this a refund?"));
    expect(questionKey("Is this a VIP?")).toMatch(/^[0-9a-f]{32}$/);
    expect(questionKey("?!  …")).toBeNull();
    expect(questionKey(null)).toBeNull();
  });

  it("does bounded work for any input length", () => {
    const huge = "a@".repeat(500_000) + "x".repeat(1_000_000) + " ".repeat(1_000_000);
    const started = performance.now();
    const key = questionKey(huge);
    expect(performance.now() - started).toBeLessThan(200);
    expect(key).toBe(questionKey(huge.slice(0, MAX_QUESTION_CHARS)));
  });
});
