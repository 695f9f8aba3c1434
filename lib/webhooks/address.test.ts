import { describe, expect, it } from "vitest";
import { classifyAddress, ipLiteral, isAllowlisted, parseAllowedHosts } from "./address";

/** The host a URL ends up with after WHATWG parsing (what the guard judges). */
const hostOf = (u: string) => ipLiteral(new URL(u).hostname);

describe("classifyAddress", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "linkLocal"], // cloud metadata
    ["100.64.0.1", "carrierGradeNat"],
    ["0.0.0.0", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["fe80::1", "linkLocal"],
    ["fc00::1", "uniqueLocal"],
    ["fd12:3456::1", "uniqueLocal"],
    ["ff02::1", "multicast"],
    ["fd00:ec2::254", "uniqueLocal"], // AWS IMDS over IPv6
    ["2001:db8::1", "reserved"],
  ])("%s is refused (%s)", (address, range) => {
    expect(classifyAddress(address)).toEqual({ public: false, range });
  });

  it.each(["::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::ffff:192.168.0.1"])(
    "IPv4-mapped %s is judged as its IPv4 address",
    (address) => {
      expect(classifyAddress(address).public).toBe(false);
    },
  );

  it.each(["::127.0.0.1", "::7f00:1", "64:ff9b::7f00:1", "2002:7f00:1::", "2001:0:4136:e378:8000:63bf:3fff:fdd2", "fec0::1"])(
    "IPv6 that can carry or hide a private address (%s) is refused",
    (address) => {
      expect(classifyAddress(address).public).toBe(false);
    },
  );

  it.each(["93.184.215.14", "8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e", "::ffff:8.8.8.8"])(
    "%s is public",
    (address) => {
      expect(classifyAddress(address).public).toBe(true);
    },
  );

  it("garbage is not an address", () => {
    expect(classifyAddress("not-an-ip")).toEqual({ public: false, range: "invalid" });
  });
});

describe("URL host forms reach the classifier normalised", () => {
  it.each([
    ["http://2130706433/", "127.0.0.1"], // decimal
    ["http://0x7f000001/", "127.0.0.1"], // hex
    ["http://0x7f.0x0.0x0.0x1/", "127.0.0.1"], // hex per octet
    ["http://0177.0.0.1/", "127.0.0.1"], // octal
    ["http://017700000001/", "127.0.0.1"], // octal, one number
    ["http://127.1/", "127.0.0.1"], // short form
    ["http://0/", "0.0.0.0"],
    ["http://[::ffff:127.0.0.1]/", "::ffff:7f00:1"],
    ["http://[0:0:0:0:0:ffff:a9fe:a9fe]/", "::ffff:a9fe:a9fe"], // metadata, mapped, hex
    ["http://[::1]:8080/", "::1"],
    ["http://0251.0376.0251.0376/", "169.254.169.254"], // metadata, octal
  ])("%s → %s, refused", (url, host) => {
    expect(hostOf(url)).toBe(host);
    expect(classifyAddress(host).public).toBe(false);
  });

  it("a DNS name is not a literal", () => {
    expect(hostOf("https://hooks.example.com/x")).toBeNull();
  });
});

describe("WEBHOOK_ALLOWED_HOSTS", () => {
  const allowed = parseAllowedHosts("127.0.0.1, localhost:4000,[::1]:8080, Hooks.Internal");
  it.each([
    ["http://127.0.0.1:9999/x", true],
    ["http://localhost:4000/x", true],
    ["http://localhost:4001/x", false],
    ["http://localhost/x", false],
    ["http://[::1]:8080/x", true],
    ["http://[::1]:8081/x", false],
    ["https://hooks.internal/x", true],
    ["http://10.0.0.1/x", false],
  ])("%s allowed: %s", (url, expected) => {
    expect(isAllowlisted(new URL(url), allowed)).toBe(expected);
  });
  it("empty or unset allows nothing", () => {
    expect(parseAllowedHosts(undefined)).toEqual([]);
    expect(parseAllowedHosts(" , ")).toEqual([]);
  });
});
