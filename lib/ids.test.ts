import { describe, expect, it } from "vitest";
import { newId } from "./ids";

describe("newId", () => {
  it("is prefixed and URL-safe", () => {
    expect(newId("run")).toMatch(/^run_[0-9a-z]{26}$/);
  });

  it("sorts in creation order, also within one millisecond", () => {
    const ids = Array.from({ length: 2000 }, () => newId("task"));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
});
