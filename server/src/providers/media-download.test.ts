import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { isPrivate, probeMedia } from "./media-download";

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

describe(probeMedia.name, () => {
  const withServer = async (run: (base: string) => Promise<void>) => {
    const server = createServer((req, res) => {
      if (req.url === "/moved") res.writeHead(302, { location: "/file.png" }).end();
      else if (req.url === "/file.png" && req.method === "HEAD")
        res.writeHead(200, { "content-type": "image/png; charset=binary", "content-length": 1234 }).end();
      else if (req.url === "/slow") setTimeout(() => res.writeHead(200).end(), 2_000);
      else res.writeHead(500).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  };

  it("follows a redirect and reads size and type from a HEAD", async () => {
    await withServer(async (base) => {
      expect(await probeMedia(`${base}/moved`, { timeoutMs: 1_000, allowPrivateAddresses: true })).toEqual({
        kind: "found",
        size: 1234,
        contentType: "image/png",
      });
    });
  });

  it("refuses a private address unless allowed, and leaves a slow or failing server undecided", async () => {
    await withServer(async (base) => {
      expect(
        await probeMedia(`${base}/file.png`, { timeoutMs: 1_000, allowPrivateAddresses: false }),
      ).toEqual({
        kind: "rejected",
        reason: "media URL points at a private address",
      });
      const slow = await probeMedia(`${base}/slow`, { timeoutMs: 200, allowPrivateAddresses: true });
      const failing = await probeMedia(`${base}/other`, { timeoutMs: 1_000, allowPrivateAddresses: true });
      expect([slow.kind, failing.kind]).toEqual(["unknown", "unknown"]);
    });
  });
});
