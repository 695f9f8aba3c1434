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

  it("refuses control characters and whitespace that browsers drop (/\\t/evil.example is //evil.example)", () => {
    for (const value of [
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r//evil.example",
      "/ /evil.example",
      "/\u0000x",
      "/a\u007fb",
      "/a\u00a0b",
    ]) {
      expect(safeCallbackPath(value), JSON.stringify(value)).toBe("/");
    }
  });

  it("keeps only paths that resolve on the app's own origin", () => {
    expect(safeCallbackPath("/./runs")).toBe("/runs");
    expect(safeCallbackPath("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example"); // an encoded path stays a path here
    expect(safeCallbackPath("/../..//evil.example")).toBe("/");
  });

  it("does not loop back into the auth pages", () => {
    expect(safeCallbackPath("/sign-in?callbackUrl=/x")).toBe("/");
    expect(safeCallbackPath("/verify")).toBe("/");
  });
});
