import { describe, expect, it } from "vitest";
import { isPrivate } from "./media-download";

describe(isPrivate.name, () => {
  it.each([
    "127.0.0.1",
    "10.1.2.3",
    "172.20.0.1",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "::1",
    "::",
    "fd00::1",
    "fe80::1",
    "::ffff:127.0.0.1",
    "not-an-ip",
  ])("treats %s as private", (ip) => {
    expect(isPrivate(ip)).toBe(true);
  });

  it.each(["8.8.8.8", "52.66.1.1", "2606:4700::1111", "::ffff:8.8.8.8"])("treats %s as public", (ip) => {
    expect(isPrivate(ip)).toBe(false);
  });
});
