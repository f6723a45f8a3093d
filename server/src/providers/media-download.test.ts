import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { diskMediaStore } from "@server/domain/media/disk-media-store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { downloadMedia, probeMedia } from "./media-download";

// A real file server reached by host name (`localhost`), as every real media URL is: Node resolves a
// name through the guard's lookup, which an IP literal never exercises.

const photo = Buffer.from(Array.from({ length: 900 }, (_, i) => (i * 7) % 256));
let server: Server;
let port = 0;
let base = "";
let dir = "";
const hits: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = req.url ?? "";
    hits.push(url);
    if (url === "/photo.jpg")
      return res.writeHead(200, { "content-type": "image/jpeg", "content-length": photo.length }).end(photo);
    if (url === "/moved") return res.writeHead(302, { location: "/photo.jpg" }).end();
    if (url.startsWith("/to?")) return res.writeHead(302, { location: url.slice(4) }).end();
    // Headers at once, then nothing: a server that hangs mid-file.
    if (url === "/slow") return res.writeHead(200, { "content-type": "image/jpeg" }).write("partial");
    // No answer at all.
    if (url === "/silent") return;
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://localhost:${port}`;
  dir = mkdtempSync(path.join(tmpdir(), "commhub-media-download-"));
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

let n = 0;
const download = (url: string, allowPrivateAddresses: boolean | string[] = true, timeoutMs = 5_000) =>
  downloadMedia(url, {
    store: diskMediaStore(dir),
    key: `${++n}.bin`,
    maxBytes: 10_000,
    timeoutMs,
    allowPrivateAddresses,
  });
const probe = (url: string, allowPrivateAddresses: boolean | string[] = true, timeoutMs = 5_000) =>
  probeMedia(url, { timeoutMs, allowPrivateAddresses });

describe(downloadMedia.name, () => {
  it("downloads from a host name, directly and through a redirect", async () => {
    for (const route of ["/photo.jpg", "/moved"]) {
      const result = await download(`${base}${route}`);
      expect(result).toEqual({ kind: "stored", size: photo.length, contentType: "image/jpeg" });
      expect(readFileSync(path.join(dir, `${n}.bin`))).toEqual(photo);
    }
  });

  it("gives up on a slow server at the deadline, to be retried", async () => {
    for (const route of ["/slow", "/silent"]) {
      const result = await download(`${base}${route}`, true, 300);
      expect(result).toEqual({ kind: "retryable", reason: expect.stringMatching(/aborted|timeout/) });
      expect(hits).toContain(route);
    }
  });

  it("refuses a host name that resolves to a private address unless MEDIA_FETCH_ALLOW_PRIVATE says so", async () => {
    // Right after an allowed fetch from the same server: no kept-alive connection may skip the guard.
    expect((await download(`${base}/photo.jpg`, true)).kind).toBe("stored");
    expect(await download(`${base}/photo.jpg`, false)).toEqual({
      kind: "rejected",
      reason: "media URL resolves to a private address",
    });
    expect(await download(`http://127.0.0.1:${port}/photo.jpg`, false)).toEqual({
      kind: "rejected",
      reason: "media URL points at a private address",
    });
    expect((await download(`${base}/photo.jpg`, ["127.0.0.0/8"])).kind).toBe("stored");
  });

  it("applies the guard again at every redirect", async () => {
    // The file server itself is allowed; where it redirects to is not.
    const onlyTheFileServer = ["127.0.0.1"];
    for (const target of [
      "http://169.254.169.254/latest/meta-data/",
      "http://[::ffff:a9fe:a9fe]/latest/meta-data/",
      "http://[64:ff9b::a9fe:a9fe]/",
      `http://10.0.0.1:${port}/photo.jpg`,
    ]) {
      expect(await download(`${base}/to?${target}`, onlyTheFileServer)).toEqual({
        kind: "rejected",
        reason: "media URL points at a private address",
      });
    }
    expect(await download(`${base}/to?file:///etc/passwd`, true)).toEqual({
      kind: "rejected",
      reason: "file: URLs are not fetched",
    });
  });
});

describe(probeMedia.name, () => {
  it("follows a redirect from a host name and reads size and type from a HEAD", async () => {
    for (const route of ["/photo.jpg", "/moved"])
      expect(await probe(`${base}${route}`)).toEqual({
        kind: "found",
        size: photo.length,
        contentType: "image/jpeg",
      });
  });

  it("refuses a private address at the first hop and at every redirect, unless allowed", async () => {
    expect(await probe(`${base}/photo.jpg`, false)).toEqual({
      kind: "rejected",
      reason: "media URL resolves to a private address",
    });
    expect(await probe(`${base}/to?http://169.254.169.254/`, ["127.0.0.1"])).toEqual({
      kind: "rejected",
      reason: "media URL points at a private address",
    });
  });

  it("leaves a server that does not answer in time undecided, and refuses a missing file", async () => {
    expect(await probe(`${base}/silent`, true, 300)).toEqual({
      kind: "unknown",
      reason: expect.stringMatching(/aborted|timeout/),
    });
    expect(await probe(`${base}/gone`)).toEqual({ kind: "rejected", reason: "media server answered 404" });
    expect(hits).toContain("/gone");
  });
});
