import { describe, expect, it } from "vitest";
import { computeDiff, jsonChanges } from "./index";

describe("feedback diff", () => {
  it("lists changed fields with before and after, walking nested objects", () => {
    expect(jsonChanges({ a: 1, b: { c: "x", d: 2 } }, { a: 1, b: { c: "y", d: 2 }, e: true })).toEqual([
      { path: "b.c", before: "x", after: "y" },
      { path: "e", before: undefined, after: true },
    ]);
    expect(jsonChanges("same", "same")).toEqual([]);
  });

  it("adds a unified text diff per changed field", () => {
    const diff = computeDiff({ markdown: "# Title\nold line\n" }, { markdown: "# Title\nnew line\n" });
    expect(diff.changes).toHaveLength(1);
    expect(diff.unified).toContain("-old line");
    expect(diff.unified).toContain("+new line");
  });
});
