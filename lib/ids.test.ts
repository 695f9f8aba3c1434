import { describe, expect, it } from "vitest";
import { newId } from "./ids";

describe("newId", () => {
  it("is prefixed, fixed-length and strictly increasing within a process", () => {
    const ids = Array.from({ length: 5000 }, () => newId("task"));
    expect(ids[0]).toMatch(/^task_[0-9a-z]{26}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
});
