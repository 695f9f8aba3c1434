import { applyPatch } from "diff";
import { describe, expect, it } from "vitest";
import { boundedDiffLines, boundedDiffWords, boundedDiffWordsWithSpace, boundedTwoFilesPatch, DIFF_LIMITS } from "./bounded";

const text = (n: number, line: (i: number) => string) => Array.from({ length: n }, (_, i) => line(i)).join("\n") + "\n";

describe("bounded diffs", () => {
  it("gives the exact minimal diff for ordinary edits", () => {
    const { changes, exact } = boundedDiffLines("a\nb\nc\n", "a\nB\nc\n");
    expect(exact).toBe(true);
    expect(changes.filter((c) => c.removed).map((c) => c.value)).toEqual(["b\n"]);
    expect(changes.filter((c) => c.added).map((c) => c.value)).toEqual(["B\n"]);
    expect(boundedDiffWords("Would a call help", "Would a talk help").exact).toBe(true);
    expect(boundedTwoFilesPatch("o", "e", "x\ny\n", "x\nz\n")).toContain("@@ -1,2 +1,2 @@\n x\n-y\n+z");
  });

  // 4,000 lines that differ on every line: the unbounded jsdiff call took 4.8 s on the server.
  const before = text(4_000, (i) => `line ${i} of the original draft`);
  const after = text(4_000, (i) => `completely different ${i * 7} text`);

  it("falls back to whole-text replacement, still a correct patch, when texts differ everywhere", () => {
    expect(before.length + after.length).toBeGreaterThan(DIFF_LIMITS.maxChars);
    const patch = boundedTwoFilesPatch("original/body", "edited/body", before, after);
    expect(applyPatch(before, patch)).toBe(after);
    const lines = boundedDiffLines(before, after);
    expect(lines.exact).toBe(false);
    expect(lines.changes.map((c) => [c.removed, c.added, c.value])).toEqual([
      [true, false, before],
      [false, true, after],
    ]);
  });

  it("stops on the edit budget below the size cap, and the fallback patch still applies", () => {
    // ~47 KB, under maxChars, but 4,000 edits apart: the budget, not the size cap, must stop it.
    const a = text(2_000, (i) => `a${i} alpha`);
    const b = text(2_000, (i) => `b${i} beta`);
    expect(a.length + b.length).toBeLessThan(DIFF_LIMITS.maxChars);
    const started = performance.now();
    const lines = boundedDiffLines(a, b);
    const words = boundedDiffWords(a, b);
    const spaced = boundedDiffWordsWithSpace(a, b);
    const patch = boundedTwoFilesPatch("o", "e", a, b);
    const elapsed = performance.now() - started;
    expect([lines.exact, words.exact, spaced.exact]).toEqual([false, false, false]);
    expect(applyPatch(a, patch)).toBe(b);
    // The unbounded calls take seconds each; bounded ones a budget each plus linear work. Generous.
    expect(elapsed).toBeLessThan(5_000);
  });

  it("treats equal texts as one unchanged part", () => {
    expect(boundedDiffLines("same\n", "same\n")).toEqual({
      changes: [{ value: "same\n", added: false, removed: false, count: 1 }],
      exact: true,
    });
  });
});
