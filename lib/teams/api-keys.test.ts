import { describe, expect, it } from "vitest";
import { hashApiKey } from "./api-keys";

describe("hashApiKey", () => {
  it("is hex SHA-256 of the whole key", () => {
    // FIPS 180-2 test vector for "abc".
    expect(hashApiKey("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(hashApiKey("acl_live_x")).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiKey("acl_live_x")).not.toBe(hashApiKey("acl_live_y"));
  });
});
