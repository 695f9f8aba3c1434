import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./redirects";

describe("safeCallbackPath", () => {
  it("keeps paths on this site", () => {
    expect(safeCallbackPath("/runs?status=waiting")).toBe("/runs?status=waiting");
    expect(safeCallbackPath("/tasks/task_01")).toBe("/tasks/task_01");
  });

  it("refuses other origins and tricks that browsers read as other origins", () => {
    for (const value of ["https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)", "", undefined, 42]) {
      expect(safeCallbackPath(value)).toBe("/");
    }
  });

  it("does not loop back into the auth pages", () => {
    expect(safeCallbackPath("/sign-in?callbackUrl=/x")).toBe("/");
    expect(safeCallbackPath("/verify")).toBe("/");
  });
});
