import { describe, expect, it } from "vitest";
import { isAllowedAddress, isPrivate, parseCidr } from "./private-address";

describe(isPrivate.name, () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["10.1.2.3", "private"],
    ["172.20.0.1", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "cloud metadata (link-local)"],
    ["100.64.0.1", "carrier-grade NAT"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "this network (0.0.0.0/8)"],
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["192.0.2.10", "documentation"],
    ["198.51.100.7", "documentation"],
    ["203.0.113.5", "documentation"],
    ["198.18.0.1", "benchmarking"],
    ["::1", "IPv6 loopback"],
    ["::", "IPv6 unspecified"],
    ["fd00::1", "unique local"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local with a zone"],
    ["ff02::1", "IPv6 multicast"],
    ["2001:db8::1", "IPv6 documentation"],
    ["::ffff:127.0.0.1", "v4-mapped loopback"],
    ["::ffff:7f00:1", "v4-mapped loopback in hex"],
    ["::FFFF:A9FE:A9FE", "v4-mapped metadata in upper-case hex"],
    ["::ffff:0:10.0.0.1", "SIIT-translated private"],
    ["::127.0.0.1", "IPv4-compatible (deprecated)"],
    ["64:ff9b::127.0.0.1", "NAT64 of loopback"],
    ["64:ff9b::a9fe:a9fe", "NAT64 of the metadata service, in hex"],
    ["64:ff9b:1::a00:1", "local-use NAT64"],
    ["2002:7f00:1::", "6to4 of loopback"],
    ["2002:c0a8:101::1", "6to4 of 192.168.1.1"],
    ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo"],
    ["[::1]", "a bracketed URL host"],
    ["not-an-ip", "not an address at all"],
  ])("treats %s as private (%s)", (ip) => {
    expect(isPrivate(ip)).toBe(true);
  });

  it.each([
    "8.8.8.8",
    "52.66.1.1",
    "157.240.1.1",
    "2606:4700::1111",
    "2a03:2880:f10c::1",
    "::ffff:8.8.8.8",
    "::ffff:808:808",
    "64:ff9b::8.8.8.8",
    "2002:808:808::1",
  ])("treats %s as public", (ip) => {
    expect(isPrivate(ip)).toBe(false);
  });
});

describe(isAllowedAddress.name, () => {
  it("lets public addresses through, private ones only as the allowance says", () => {
    expect(isAllowedAddress("8.8.8.8", false)).toBe(true);
    expect(isAllowedAddress("127.0.0.1", false)).toBe(false);
    expect(isAllowedAddress("127.0.0.1", true)).toBe(true);
    const internalStore = ["10.20.0.0/16", "::1"];
    expect(isAllowedAddress("10.20.3.4", internalStore)).toBe(true);
    expect(isAllowedAddress("::1", internalStore)).toBe(true);
    expect(isAllowedAddress("10.21.0.1", internalStore)).toBe(false);
    expect(isAllowedAddress("169.254.169.254", internalStore)).toBe(false);
    expect(isAllowedAddress("not-an-ip", internalStore)).toBe(false);
  });
});

describe(parseCidr.name, () => {
  it("reads ranges and single addresses, and nothing else", () => {
    expect(parseCidr("10.0.0.0/8")).toEqual({ address: "10.0.0.0", bits: 8, family: 4 });
    expect(parseCidr("::1")).toEqual({ address: "::1", bits: 128, family: 6 });
    for (const bad of ["10.0.0.0/33", "10.0.0.0/", "10.0.0.0/8x", "localhost", "fd00::/129"])
      expect(parseCidr(bad)).toBeUndefined();
  });
});
